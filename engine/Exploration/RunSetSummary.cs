using System.Numerics.Tensors;
using FermentEngine.Engine.Runs;

namespace FermentEngine.Engine.Exploration;

/// <summary>
/// What a run set holds: run lengths and their outliers, per-channel statistics with missing shares and constant
/// channels, label combinations, bad cells and the reader's notes. Built once by <see cref="Of"/>; immutable.
/// </summary>
public sealed class RunSetSummary
{
    /// <summary>Runs whose row count lies more than this many standard deviations from the mean.</summary>
    public const double OutlierSigmas = RunLengths.OutlierSigmas;

    private RunSetSummary(RunSet set, IReadOnlyList<RunSummary> runs, IReadOnlyList<ChannelSummary> channels,
        double meanRows, double rowsStdDev)
    {
        Runs = runs;
        Channels = channels;
        MeanRows = meanRows;
        RowsStdDev = rowsStdDev;
        LengthOutliers = runs.Where(r => r.IsLengthOutlier).Select(r => r.Name).ToList();
        LabelCounts = runs.GroupBy(r => new LabelCount(r.Labels, 0).Key)
            .Select(g => new LabelCount(g.First().Labels, g.Count()))
            .OrderBy(c => c.Key, StringComparer.Ordinal).ToList();
        Notes = set.Notes;
        BadCells = set.BadCells;
    }

    /// <summary>The number of runs.</summary>
    public int RunCount => Runs.Count;

    /// <summary>Steps over all runs.</summary>
    public int TotalRows => Runs.Sum(r => r.Rows);

    /// <summary>The runs in set order.</summary>
    public IReadOnlyList<RunSummary> Runs { get; }

    /// <summary>The mean number of rows per run; 0 without runs.</summary>
    public double MeanRows { get; }

    /// <summary>The sample standard deviation (n − 1) of rows per run.</summary>
    public double RowsStdDev { get; }

    /// <summary>
    /// Names of the runs whose row count lies outside <see cref="MeanRows"/> ± 2 <see cref="RowsStdDev"/>;
    /// training leaves them out by default.
    /// </summary>
    public IReadOnlyList<string> LengthOutliers { get; }

    /// <summary>One summary per channel, in channel order.</summary>
    public IReadOnlyList<ChannelSummary> Channels { get; }

    /// <summary>
    /// Runs per combination of run labels (e.g. control × fault), sorted by <see cref="LabelCount.Key"/>.
    /// </summary>
    public IReadOnlyList<LabelCount> LabelCounts { get; }

    /// <summary>The reader's notes on the set.</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>Every bad cell of the set, run after run.</summary>
    public IReadOnlyList<BadCell> BadCells { get; }

    /// <summary>Summarises a set. Cost: one pass over the buffer per channel.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="set"/> is null.</exception>
    public static RunSetSummary Of(RunSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        var (mean, sigma) = set.Runs.Count > 0 ? RunLengths.Statistics(set.Runs) : (0, 0);
        var runs = set.Runs.Select(r => new RunSummary(r.Name, r.StepCount, r.LengthHours, r.Labels, r.Sampling,
            r.BadCells.Count, RunLengths.IsOutlier(r.StepCount, mean, sigma))).ToList();
        var scratch = new double[set.Runs.Sum(r => r.StepCount)];
        var channels = set.Channels.Select((c, i) => SummariseChannel(set, c, i, scratch)).ToList();
        return new RunSetSummary(set, runs, channels, mean, sigma);
    }

    private static ChannelSummary SummariseChannel(RunSet set, ChannelInfo channel, int index, double[] scratch)
    {
        int finite = 0;
        foreach (Run run in set.Runs)
        {
            ReadOnlySpan<float> values = run.Values.Span;
            for (int i = index; i < values.Length; i += run.ChannelCount)
            {
                if (float.IsFinite(values[i]))
                {
                    scratch[finite++] = values[i];
                }
            }
        }

        int rows = scratch.Length;
        if (finite == 0)
        {
            return new ChannelSummary(channel.Name, channel.Unit, channel.Kind, rows, rows, double.NaN, double.NaN,
                double.NaN, double.NaN, false);
        }

        Span<double> x = scratch.AsSpan(0, finite);
        double min = TensorPrimitives.Min<double>(x), max = TensorPrimitives.Max<double>(x);
        double mean = TensorPrimitives.Sum<double>(x) / finite;
        double sigma = Math.Sqrt(CenteredSumOfSquares(x, mean) / finite);
        // Exact comparison: a constant such as 22.62 has no exact binary form, and only max == min says "constant".
        bool constant = max == min;
        return new ChannelSummary(channel.Name, channel.Unit, channel.Kind, rows, rows - finite, min, max, mean,
            constant ? 0 : sigma, constant);
    }

    /// <summary>Σ (x − mean)², computed in place over <paramref name="x"/> (which it overwrites).</summary>
    private static double CenteredSumOfSquares(Span<double> x, double mean)
    {
        TensorPrimitives.Subtract<double>(x, mean, x);
        return TensorPrimitives.SumOfSquares<double>(x);
    }
}
