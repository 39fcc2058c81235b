namespace FermentEngine.Engine.Scoring;

/// <summary>
/// The held-out scores of good runs that a new run is compared with. Scores are compared on a log scale, where
/// reconstruction errors are close to normal; the p-value comes from a Student-t prediction interval, so that a
/// small population gives a wide limit instead of an overconfident normal quantile.
/// </summary>
public sealed class ReferencePopulation
{
    /// <summary>The fewest reference runs for which a p-value is given.</summary>
    public const int MinimumSize = 3;

    private const double LogFloor = 1e-12;

    /// <summary>Creates a population from the running-score curves of its runs.</summary>
    /// <param name="runs">Run names, one per curve.</param>
    /// <param name="runningScores">Each run's score of its first t + 1 steps, for every t, as a finished run.</param>
    /// <param name="openRunningScores">The same as the run still going: its last steps normalised as interior
    /// steps, as a partial or live run's are (they cannot know they are near the end). Null uses
    /// <paramref name="runningScores"/>.</param>
    public ReferencePopulation(
        IReadOnlyList<string> runs, IReadOnlyList<float[]> runningScores,
        IReadOnlyList<float[]>? openRunningScores = null)
    {
        if (runs.Count != runningScores.Count || (openRunningScores ?? runningScores).Count != runs.Count)
        {
            throw new ArgumentException("Each reference run needs one running-score curve of each kind.");
        }

        Runs = runs;
        RunningScores = runningScores;
        OpenRunningScores = openRunningScores ?? runningScores;
        var logs = runningScores.Select(curve => Log(curve[^1])).ToArray();
        (Mean, StdDev) = SampleStatistics.MeanAndStdDev(logs);
        Array.Sort(logs);
        Median = logs.Length > 0 ? SampleStatistics.Quantile<double>(logs, 0.5) : double.NaN;
        var deviations = logs.Select(l => Math.Abs(l - Median)).Order().ToArray();
        Mad = logs.Length > 0 ? SampleStatistics.Quantile<double>(deviations, 0.5) : double.NaN;
    }

    /// <summary>The reference runs' names.</summary>
    public IReadOnlyList<string> Runs { get; }

    /// <summary>Each reference run's running score, as a finished run.</summary>
    public IReadOnlyList<float[]> RunningScores { get; }

    /// <summary>Each reference run's running score as a run still going, for partial and live comparisons.</summary>
    public IReadOnlyList<float[]> OpenRunningScores { get; }

    /// <summary>Number of reference runs.</summary>
    public int Count => Runs.Count;

    /// <summary>Mean of the log full-run scores.</summary>
    public double Mean { get; }

    /// <summary>Sample standard deviation of the log full-run scores.</summary>
    public double StdDev { get; }

    /// <summary>Median of the log full-run scores.</summary>
    public double Median { get; }

    /// <summary>Median absolute deviation of the log full-run scores.</summary>
    public double Mad { get; }

    /// <summary>Compares a score with the population.</summary>
    /// <param name="score">The run score (not logged).</param>
    /// <param name="stepCount">For a partial run: its steps so far; the reference runs' open scores over the same
    /// number of steps are used. Null compares with whole reference runs.</param>
    /// <param name="exclude">A reference run to leave out (when scoring that run itself), or null.</param>
    /// <returns>z (in standard deviations of the log score) and the upper-tail p-value; both NaN when fewer than
    /// <see cref="MinimumSize"/> reference runs remain.</returns>
    public (double Z, double P, int Size) Evaluate(double score, int? stepCount = null, string? exclude = null)
    {
        var logs = Logs(stepCount, exclude);
        if (logs.Count < MinimumSize || !double.IsFinite(score))
        {
            return (double.NaN, double.NaN, logs.Count);
        }

        (double mean, double std) = SampleStatistics.MeanAndStdDev(logs);
        std = Math.Max(std, 1e-9);
        var (z, p) = StudentT.Predict(Log(score), mean, std, logs.Count);
        return (z, p, logs.Count);
    }

    /// <summary>The score whose upper-tail p-value against whole reference runs is <paramref name="level"/>: a
    /// finished run's running score passing it is when the run became significant. Infinity when fewer than
    /// <see cref="MinimumSize"/> reference runs remain.</summary>
    internal double CriticalScore(double level, string? exclude = null)
    {
        var logs = Logs(null, exclude);
        if (logs.Count < MinimumSize)
        {
            return double.PositiveInfinity;
        }

        (double mean, double std) = SampleStatistics.MeanAndStdDev(logs);
        return Math.Exp(StudentT.PredictionLimit(mean, Math.Max(std, 1e-9), logs.Count, level)) - LogFloor;
    }

    private List<double> Logs(int? stepCount, string? exclude)
    {
        var logs = new List<double>(Count);
        for (int i = 0; i < Count; i++)
        {
            if (Runs[i] == exclude)
            {
                continue;
            }

            logs.Add(Log(stepCount is int n
                ? OpenRunningScores[i][Math.Clamp(n, 1, OpenRunningScores[i].Length) - 1]
                : RunningScores[i][^1]));
        }

        return logs;
    }

    private static double Log(double score) => Math.Log(Math.Max(score, 0) + LogFloor);
}
