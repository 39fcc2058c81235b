namespace FermentEngine.Engine.Runs;

/// <summary>
/// How regularly a run was sampled, measured on its time axis: the median step, the steps longer than
/// 1.5 × the median (gaps) and the steps of zero length (duplicate time stamps).
/// </summary>
/// <param name="MedianIntervalHours">The median of the step lengths in hours; 0 for fewer than two steps.</param>
/// <param name="GapCount">Steps longer than 1.5 × the median.</param>
/// <param name="DuplicateCount">Steps of length 0 (a time stamp repeated).</param>
/// <param name="LargestIntervalHours">The longest step in hours; 0 for fewer than two steps.</param>
/// <param name="FirstGapStep">The index of the step that ends the first gap, or -1 without gaps.</param>
public sealed record RunSampling(
    double MedianIntervalHours, int GapCount, int DuplicateCount, double LargestIntervalHours, int FirstGapStep)
{
    /// <summary>The factor over the median step above which a step counts as a gap.</summary>
    public const double GapFactor = 1.5;

    /// <summary>Measures a time axis. Steps that go backwards count as neither gaps nor duplicates.</summary>
    /// <param name="timeHours">Time of each step in hours, normally non-decreasing.</param>
    public static RunSampling Measure(ReadOnlySpan<double> timeHours)
    {
        if (timeHours.Length < 2)
        {
            return new RunSampling(0, 0, 0, 0, -1);
        }

        var intervals = new double[timeHours.Length - 1];
        for (int i = 1; i < timeHours.Length; i++)
        {
            intervals[i - 1] = timeHours[i] - timeHours[i - 1];
        }

        double[] sorted = (double[])intervals.Clone();
        Array.Sort(sorted);
        int mid = sorted.Length / 2;
        double median = sorted.Length % 2 == 1 ? sorted[mid] : 0.5 * (sorted[mid - 1] + sorted[mid]);

        int gaps = 0, duplicates = 0, firstGap = -1;
        for (int i = 0; i < intervals.Length; i++)
        {
            if (intervals[i] == 0)
            {
                duplicates++;
            }
            else if (median > 0 && intervals[i] > GapFactor * median)
            {
                gaps++;
                firstGap = firstGap < 0 ? i + 1 : firstGap;
            }
        }

        return new RunSampling(median, gaps, duplicates, sorted[^1], firstGap);
    }
}
