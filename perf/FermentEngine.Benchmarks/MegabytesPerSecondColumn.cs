using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace FermentEngine.Benchmarks;

/// <summary>
/// Throughput in MB (10^6 bytes) of CSV text per second of the mean time, for benches that expose the text size of
/// their input through <see cref="IHasInputBytes"/>. Compressed inputs count their decompressed text.
/// </summary>
public sealed class MegabytesPerSecondColumn : IColumn
{
    public string Id => nameof(MegabytesPerSecondColumn);

    public string ColumnName => "MB/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "CSV text megabytes (10^6 bytes) read per second";

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

        double seconds = stats.Mean / 1e9;
        return (bench.InputBytes / 1e6 / seconds).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
