using System.Globalization;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace FermentEngine.Benchmarks;

/// <summary>A rate column: work of <see cref="IWorkCount"/> divided by the mean time.</summary>
public sealed class WorkColumn : RateColumn
{
    private readonly bool _flops;

    private WorkColumn(bool flops) => _flops = flops;

    public static WorkColumn Gflops { get; } = new(flops: true);

    public static WorkColumn WindowsPerSecond { get; } = new(flops: false);

    public override string Id => _flops ? "GFLOP/s" : "Windows/s";

    public override string ColumnName => Id;

    public override int PriorityInCategory => _flops ? 0 : 1;

    public override string Legend => _flops
        ? "Billions of float operations per second (multiply-add = 2), from the mean time"
        : "Windows (or runs) per second, from the mean time";

    protected override string? Value(
        Summary summary, BenchmarkCase benchmarkCase, BenchmarkDotNet.Mathematics.Statistics stats)
    {
        if (BenchWithParameters(benchmarkCase) is not IWorkCount counter)
        {
            return null;
        }

        string method = benchmarkCase.Descriptor.WorkloadMethod.Name;
        double work = _flops ? counter.Flops(method) : counter.Windows(method);
        if (double.IsNaN(work))
        {
            return null;
        }

        double perSecond = work / (stats.Mean * 1e-9);
        return _flops
            ? (perSecond / 1e9).ToString("F2", CultureInfo.InvariantCulture)
            : perSecond.ToString("N0", CultureInfo.InvariantCulture);
    }
}
