using System.Globalization;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace FermentEngine.Benchmarks;

/// <summary>
/// Calls per second, for benches whose operation is one call (<c>OperationsPerInvoke</c> = calls per invocation):
/// the inverse of the mean time, or (<c>Calls/s ratio</c>) that rate over the baseline's rate in the same group,
/// where BenchmarkDotNet's own Ratio is one of times, not of rates.
/// </summary>
public sealed class CallsPerSecondColumn : RateColumn
{
    private readonly bool _relative;

    private CallsPerSecondColumn(bool relative) => _relative = relative;

    public static CallsPerSecondColumn Absolute { get; } = new(relative: false);

    public static CallsPerSecondColumn Relative { get; } = new(relative: true);

    public override string Id => nameof(CallsPerSecondColumn) + (_relative ? "Ratio" : "");

    public override string ColumnName => _relative ? "Calls/s ratio" : "Calls/s";

    public override int PriorityInCategory => _relative ? 1 : 0;

    public override string Legend => _relative
        ? "Calls per second over the baseline's calls per second at the same parameters"
        : "Calls per second, from the mean time per call";

    protected override string? Value(
        Summary summary, BenchmarkCase benchmarkCase, BenchmarkDotNet.Mathematics.Statistics stats)
    {
        double perSecond = 1e9 / stats.Mean;
        if (!_relative)
        {
            return perSecond.ToString("N0", CultureInfo.InvariantCulture);
        }

        BenchmarkCase? baseline = summary.GetBaseline(summary.GetLogicalGroupKey(benchmarkCase));
        double? baselineNs = baseline is null ? null : summary[baseline]?.ResultStatistics?.Mean;
        return baselineNs is > 0
            ? (perSecond * baselineNs.Value / 1e9).ToString("0.00", CultureInfo.InvariantCulture)
            : null;
    }
}
