using FermentEngine.Engine.Scoring;

namespace FermentEngine.Engine.Runs;

/// <summary>
/// The one definition of a run-length outlier, shared by <c>inspect</c> and the training pool: a row count outside
/// the mean ± 2σ of its set, with the sample standard deviation (n − 1).
/// </summary>
public static class RunLengths
{
    /// <summary>Standard deviations from the mean row count beyond which a run is a length outlier.</summary>
    public const double OutlierSigmas = 2;

    /// <summary>Mean and sample standard deviation of the runs' row counts; NaN for no runs, σ = 0 for one.</summary>
    public static (double Mean, double StdDev) Statistics(IEnumerable<Run> runs) =>
        SampleStatistics.MeanAndStdDev(runs.Select(r => (double)r.StepCount).ToList());

    /// <summary>Whether <paramref name="rows"/> lies outside <paramref name="mean"/> ± 2 <paramref name="stdDev"/>.
    /// </summary>
    public static bool IsOutlier(int rows, double mean, double stdDev) =>
        Math.Abs(rows - mean) > OutlierSigmas * stdDev;
}
