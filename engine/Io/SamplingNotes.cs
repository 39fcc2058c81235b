using System.Globalization;
using FermentEngine.Engine.Runs;

namespace FermentEngine.Engine.Io;

/// <summary>Sentences on the runs' sampling: median step, gaps and duplicate time stamps.</summary>
internal static class SamplingNotes
{
    private const int MaxRunsNamed = 10;

    private static CultureInfo Inv => CultureInfo.InvariantCulture;

    public static IEnumerable<string> Describe(IReadOnlyList<Run> runs)
    {
        var medians = runs.Where(r => r.StepCount > 1).Select(r => r.Sampling.MedianIntervalHours).ToList();
        if (medians.Count > 0)
        {
            double low = medians.Min(), high = medians.Max();
            yield return high - low < 1e-9
                ? string.Create(Inv, $"Sampling: median step {low:0.######} h ({low * 3600:0.###} s) in all "
                    + $"{medians.Count} runs.")
                : string.Create(Inv, $"Sampling: median step {low:0.######} to {high:0.######} h across "
                    + $"{medians.Count} runs.");
        }

        var irregular = runs.Where(r => r.Sampling.GapCount > 0 || r.Sampling.DuplicateCount > 0).ToList();
        if (irregular.Count == 0)
        {
            yield return string.Create(Inv, $"No gaps (steps over {RunSampling.GapFactor} × the median) or "
                + $"duplicate time stamps.");
            yield break;
        }

        foreach (Run run in irregular.Take(MaxRunsNamed))
        {
            RunSampling s = run.Sampling;
            string gap = s.GapCount > 0
                ? string.Create(Inv, $"{s.GapCount} gap(s), longest {s.LargestIntervalHours:0.###} h, first at "
                    + $"{run.DescribeStep(s.FirstGapStep)}")
                : "no gaps";
            yield return string.Create(Inv, $"Run {run.Name}: {gap}; {s.DuplicateCount} duplicate time stamp(s).");
        }

        if (irregular.Count > MaxRunsNamed)
        {
            yield return $"{irregular.Count - MaxRunsNamed} more run(s) have gaps or duplicate time stamps.";
        }
    }
}
