using FermentEngine.Engine.Runs;
using FermentEngine.Engine.Scoring;

namespace FermentEngine.Engine.Training;

/// <summary>Chooses the runs a model is trained on, and says why the others were left out.</summary>
internal static class TrainingPool
{
    /// <summary>Drops length outliers (outside mean ± 2σ of rows) and runs shorter than the window.</summary>
    /// <param name="downsampling">The network's downsampling factor; the window is a multiple of it.</param>
    public static (List<Run> Pool, List<ExcludedRun> Excluded, int WindowLength) Select(
        IReadOnlyList<Run> runs, TrainingOptions options, int downsampling)
    {
        var excluded = new List<ExcludedRun>();
        var pool = runs.ToList();
        int window = options.WindowLength ?? AutoWindow(pool, downsampling);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1, nameof(options.WindowLength));
        if (options.WindowLength is null)
        {
            window = Math.Max(downsampling, window / downsampling * downsampling);
        }

        foreach (var run in pool.Where(r => r.StepCount < window).ToList())
        {
            excluded.Add(new ExcludedRun(run.Name, $"{run.StepCount} samples, shorter than window {window}"));
            pool.Remove(run);
        }

        if (options.ExcludeLengthOutliers && pool.Count >= 3)
        {
            var (mean, std) = RunLengths.Statistics(pool);
            foreach (var run in pool.Where(r => RunLengths.IsOutlier(r.StepCount, mean, std)).ToList())
            {
                excluded.Add(new ExcludedRun(run.Name,
                    $"{run.StepCount} rows, outside mean ± 2σ ({mean:0.#} ± {RunLengths.OutlierSigmas * std:0.#})"));
                pool.Remove(run);
            }
        }

        return (pool, excluded, window);
    }

    private static int AutoWindow(List<Run> pool, int downsampling)
    {
        if (pool.Count == 0)
        {
            return downsampling;
        }

        // The shortest run sets the window, unless it is under half the median length: such a run is left out
        // (as shorter than the window) rather than shrinking every crop.
        var lengths = pool.Select(r => r.StepCount).Order().ToArray();
        int median = lengths[lengths.Length / 2];
        return Math.Min(256, lengths.First(l => 2 * l >= median));
    }
}
