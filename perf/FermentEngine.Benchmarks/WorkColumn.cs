using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace FermentEngine.Benchmarks;

/// <summary>A rate column: work of <see cref="IWorkCount"/> divided by the mean time.</summary>
public sealed class WorkColumn : IColumn
{
    private readonly bool _flops;

    private WorkColumn(bool flops) => _flops = flops;

    public static WorkColumn Gflops { get; } = new(flops: true);

    public static WorkColumn WindowsPerSecond { get; } = new(flops: false);

    public string Id => _flops ? "GFLOP/s" : "Windows/s";

    public string ColumnName => Id;

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => _flops ? 0 : 1;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => _flops
        ? "Billions of float operations per second (multiply-add = 2), from the mean time"
        : "Windows (or runs) per second, from the mean time";

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
        GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        double? meanNs = summary[benchmarkCase]?.ResultStatistics?.Mean;
        if (meanNs is not > 0 || Activator.CreateInstance(benchmarkCase.Descriptor.Type) is not IWorkCount counter)
        {
            return "-";
        }

        foreach (var parameter in benchmarkCase.Parameters.Items)
        {
            benchmarkCase.Descriptor.Type.GetField(parameter.Name)?.SetValue(counter, parameter.Value);
            benchmarkCase.Descriptor.Type.GetProperty(parameter.Name)?.SetValue(counter, parameter.Value);
        }

        string method = benchmarkCase.Descriptor.WorkloadMethod.Name;
        double work = _flops ? counter.Flops(method) : counter.Windows(method);
        if (double.IsNaN(work))
        {
            return "-";
        }

        double perSecond = work / (meanNs.Value * 1e-9);
        return _flops ? (perSecond / 1e9).ToString("F2") : perSecond.ToString("N0");
    }

    public override string ToString() => ColumnName;
}
