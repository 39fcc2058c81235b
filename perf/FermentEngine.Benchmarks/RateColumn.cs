using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace FermentEngine.Benchmarks;

/// <summary>
/// What every rate column of these benches shares: a numeric, always shown custom column whose value derives from a
/// case's timing statistics. Subclasses name the column and compute its value; "-" when there is none.
/// </summary>
public abstract class RateColumn : IColumn
{
    public abstract string Id { get; }

    public abstract string ColumnName { get; }

    public abstract string Legend { get; }

    public abstract int PriorityInCategory { get; }

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
        GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
        summary[benchmarkCase]?.ResultStatistics is { Mean: > 0 } stats
            ? Value(summary, benchmarkCase, stats) ?? "-"
            : "-";

    public override string ToString() => ColumnName;

    /// <summary>The column's text for a case with timing statistics, or null when it has no value.</summary>
    protected abstract string? Value(
        Summary summary, BenchmarkCase benchmarkCase, BenchmarkDotNet.Mathematics.Statistics stats);

    /// <summary>A new instance of the case's bench class with the case's parameter values set, for benches that
    /// report their own amount of work.</summary>
    protected static object? BenchWithParameters(BenchmarkCase benchmarkCase)
    {
        var type = benchmarkCase.Descriptor.Type;
        object? bench = Activator.CreateInstance(type);
        foreach (var parameter in benchmarkCase.Parameters.Items)
        {
            type.GetField(parameter.Name)?.SetValue(bench, parameter.Value);
            type.GetProperty(parameter.Name)?.SetValue(bench, parameter.Value);
        }

        return bench;
    }
}
