using System.Globalization;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace FermentEngine.Benchmarks;

/// <summary>
/// Throughput in MB (10^6 bytes) of CSV text per second, for benches that expose the text size of their input
/// through <see cref="IHasInputBytes"/>; compressed inputs count their decompressed text. From the mean time, or
/// from the fastest iteration (<c>MB/s best</c>), which on a shared machine is the better estimate of one core.
/// </summary>
public sealed class MegabytesPerSecondColumn(bool fromFastest) : RateColumn
{
    public override string Id => nameof(MegabytesPerSecondColumn) + (fromFastest ? "Best" : "");

    public override string ColumnName => fromFastest ? "MB/s best" : "MB/s";

    public override int PriorityInCategory => fromFastest ? 1 : 0;

    public override string Legend => fromFastest
        ? "CSV text megabytes (10^6 bytes) per second of the fastest iteration"
        : "CSV text megabytes (10^6 bytes) per second of the mean time";

    protected override string? Value(
        Summary summary, BenchmarkCase benchmarkCase, BenchmarkDotNet.Mathematics.Statistics stats)
    {
        if (BenchWithParameters(benchmarkCase) is not IHasInputBytes bench)
        {
            return null;
        }

        double seconds = (fromFastest ? stats.Min : stats.Mean) / 1e9;
        return (bench.InputBytes / 1e6 / seconds).ToString("0.0", CultureInfo.InvariantCulture);
    }
}
