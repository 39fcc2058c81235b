using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace FermentEngine.Benchmarks;

/// <summary>
/// Calls per second, for benches whose operation is one call (<c>OperationsPerInvoke</c> = calls per invocation):
/// the inverse of the mean time, or (<c>Calls/s ratio</c>) that rate over the baseline's rate in the same group,
/// where BenchmarkDotNet's own Ratio is one of times, not of rates.
/// </summary>
public sealed class CallsPerSecondColumn : IColumn
{
    private readonly bool _relative;

    private CallsPerSecondColumn(bool relative) => _relative = relative;

    public static CallsPerSecondColumn Absolute { get; } = new(relative: false);

    public static CallsPerSecondColumn Relative { get; } = new(relative: true);

    public string Id => nameof(CallsPerSecondColumn) + (_relative ? "Ratio" : "");

    public string ColumnName => _relative ? "Calls/s ratio" : "Calls/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => _relative ? 1 : 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => _relative
        ? "Calls per second over the baseline's calls per second at the same parameters"
        : "Calls per second, from the mean time per call";

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
        GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        double? meanNs = summary[benchmarkCase]?.ResultStatistics?.Mean;
        if (meanNs is not > 0)
        {
            return "-";
        }

        double perSecond = 1e9 / meanNs.Value;
        if (!_relative)
        {
            return perSecond.ToString("N0", CultureInfo.InvariantCulture);
        }

        BenchmarkCase? baseline = summary.GetBaseline(summary.GetLogicalGroupKey(benchmarkCase));
        double? baselineNs = baseline is null ? null : summary[baseline]?.ResultStatistics?.Mean;
        return baselineNs is > 0
            ? (perSecond * baselineNs.Value / 1e9).ToString("0.00", CultureInfo.InvariantCulture)
            : "-";
    }

    public override string ToString() => ColumnName;
}
