using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;

namespace FermentEngine.Benchmarks;

/// <summary>The one config of every benchmark: memory diagnoser and rate columns; GitHub markdown is a default.
/// </summary>
public sealed class BenchConfig : ManualConfig
{
    public BenchConfig()
    {
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(WorkColumn.Gflops, WorkColumn.WindowsPerSecond);
        AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams);
    }
}
