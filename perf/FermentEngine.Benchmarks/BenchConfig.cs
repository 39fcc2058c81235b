using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Validators;

namespace FermentEngine.Benchmarks;

/// <summary>The one configuration every bench shares: memory diagnoser, JIT check, GitHub markdown, and the rate
/// columns (GFLOP/s and windows/s for the network, MB/s for the readers).</summary>
public sealed class BenchConfig : ManualConfig
{
    public BenchConfig()
    {
        Add(DefaultConfig.Instance);
        AddDiagnoser(MemoryDiagnoser.Default);
        AddValidator(JitOptimizationsValidator.FailOnError);
        AddExporter(MarkdownExporter.GitHub);
        AddColumn(StatisticColumn.Min);
        AddColumn(WorkColumn.Gflops, WorkColumn.WindowsPerSecond);
        AddColumn(new MegabytesPerSecondColumn(fromFastest: false), new MegabytesPerSecondColumn(fromFastest: true));
        AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams);
    }
}
