using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace FermentEngine.Benchmarks;

/// <summary>
/// Throughput in MB (10^6 bytes) of CSV text per second, for benches that expose the text size of their input
/// through <see cref="IHasInputBytes"/>; compressed inputs count their decompressed text. From the mean time, or
/// from the fastest iteration (<c>MB/s best</c>), which on a shared machine is the better estimate of one core.
/// </summary>
public sealed class MegabytesPerSecondColumn(bool fromFastest) : IColumn
{
    public string Id => nameof(MegabytesPerSecondColumn) + (fromFastest ? "Best" : "");

    public string ColumnName => fromFastest ? "MB/s best" : "MB/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => fromFastest ? 1 : 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => fromFastest
        ? "CSV text megabytes (10^6 bytes) per second of the fastest iteration"
        : "CSV text megabytes (10^6 bytes) per second of the mean time";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
        GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        BenchmarkReport? report = summary[benchmarkCase];
        if (report?.ResultStatistics is not { } stats
            || Activator.CreateInstance(benchmarkCase.Descriptor.Type) is not IHasInputBytes bench)
        {
            return "-";
        }

        foreach (var parameter in benchmarkCase.Parameters.Items)
        {
            benchmarkCase.Descriptor.Type.GetProperty(parameter.Name)?.SetValue(bench, parameter.Value);
        }

        double seconds = (fromFastest ? stats.Min : stats.Mean) / 1e9;
        return (bench.InputBytes / 1e6 / seconds).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
