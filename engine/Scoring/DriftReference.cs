namespace FermentEngine.Engine.Scoring;

/// <summary>
/// The long-window channel offsets (<see cref="DriftTracker"/>) of the reference runs, held out like their scores,
/// and the per-channel test of a new run's offsets against them. Each channel's largest offset is compared on a log
/// scale with a Student-t prediction interval, as the run score is; the smallest channel p-value is multiplied by
/// the number of channels tested (Bonferroni), so that testing many channels does not by itself raise false alarms.
/// Channels that were constant in training are not tested (their departures are reported as warnings).
/// </summary>
public sealed class DriftReference
{
    // Offsets are logged after adding this (in spreads), so that channels with almost no offset in any good run do
    // not turn a negligible change into a large z.
    private const double LogOffset = 0.1;

    // The smallest spread of the logged offsets across reference runs: a channel that follows exactly the same
    // trajectory in every good run still allows a ±10 % change.
    private const double MinimumLogSpread = 0.1;

    private readonly bool[] _tested;

    /// <summary>Creates the reference from the drift curves of its runs.</summary>
    /// <param name="windowSteps">The trailing window of the offsets, in steps.</param>
    /// <param name="runs">Reference run names, one per curve.</param>
    /// <param name="curves">Each run's peak offsets after every step, <c>[time × channel]</c>.</param>
    /// <param name="tested">Per channel, whether it is tested.</param>
    public DriftReference(int windowSteps, IReadOnlyList<string> runs, IReadOnlyList<float[]> curves, bool[] tested)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(windowSteps);
        if (runs.Count != curves.Count)
        {
            throw new ArgumentException("Each reference run needs one drift curve.");
        }

        if (curves.Any(c => c.Length % tested.Length != 0))
        {
            throw new ArgumentException($"Drift curves must hold whole steps of {tested.Length} channels.");
        }

        WindowSteps = windowSteps;
        Runs = runs;
        Curves = curves;
        _tested = tested;
    }

    /// <summary>The trailing window of the offsets, in steps.</summary>
    public int WindowSteps { get; }

    /// <summary>The reference runs' names.</summary>
    public IReadOnlyList<string> Runs { get; }

    /// <summary>Each reference run's peak offsets after every step, <c>[time × channel]</c>.</summary>
    public IReadOnlyList<float[]> Curves { get; }

    /// <summary>Number of channels tested.</summary>
    public int TestedChannels => _tested.Count(t => t);

    /// <summary>Tests a run's peak offsets (one per channel) against the reference runs.</summary>
    /// <param name="peaks">The run's signed peak offsets, one per channel.</param>
    /// <param name="stepCount">Steps the run has so far; the reference runs are read at the same step. Null
    /// compares with whole reference runs.</param>
    /// <param name="exclude">A reference run to leave out (when testing that run itself), or null.</param>
    /// <returns>The channel with the smallest p-value, or null when nothing can be tested: the run is shorter than
    /// the window, fewer than <see cref="ReferencePopulation.MinimumSize"/> reference runs had filled the window by
    /// that step, or no channel is tested.</returns>
    internal DriftTest? Evaluate(ReadOnlySpan<float> peaks, int? stepCount, string? exclude)
    {
        if (stepCount < WindowSteps || TestedChannels == 0)
        {
            return null;
        }

        DriftTest? best = null;
        for (int c = 0; c < _tested.Length; c++)
        {
            if (!_tested[c] || Fit(c, stepCount, exclude) is not var (mean, spread, n))
            {
                continue;
            }

            var (z, p) = StudentT.Predict(Log(peaks[c]), mean, spread, n);
            if (best is null || p < best.ChannelP)
            {
                best = new DriftTest(c, peaks[c], z, p, Math.Min(1, p * TestedChannels), n);
            }
        }

        return best;
    }

    /// <summary>The offset magnitude beyond which channel <paramref name="channel"/> alone is significant at the
    /// (Bonferroni-adjusted) level <paramref name="adjustedLevel"/>, against whole reference runs.</summary>
    internal double Limit(int channel, double adjustedLevel, string? exclude)
    {
        if (!_tested[channel] || Fit(channel, null, exclude) is not var (mean, spread, n))
        {
            return double.PositiveInfinity;
        }

        return Math.Exp(StudentT.PredictionLimit(mean, spread, n, adjustedLevel / TestedChannels)) - LogOffset;
    }

    // The reference runs that had filled a whole window by the step compared: a shorter run has no offset to compare.
    private (double Mean, double Spread, int Count)? Fit(int channel, int? stepCount, string? exclude)
    {
        var logs = new List<double>(Runs.Count);
        int channels = _tested.Length;
        for (int i = 0; i < Runs.Count; i++)
        {
            if (Runs[i] == exclude)
            {
                continue;
            }

            float[] curve = Curves[i];
            int steps = curve.Length / channels;
            int step = Math.Clamp(stepCount ?? steps, 1, steps) - 1;
            if (step >= WindowSteps - 1)
            {
                logs.Add(Log(curve[step * channels + channel]));
            }
        }

        if (logs.Count < ReferencePopulation.MinimumSize)
        {
            return null;
        }

        var (mean, spread) = SampleStatistics.MeanAndStdDev(logs);
        return (mean, Math.Max(spread, MinimumLogSpread), logs.Count);
    }

    /// <summary>A run's p-value from its score test and its drift test: twice the smaller of the two (Bonferroni
    /// over the two tests), or the score test's alone when no drift test was made.</summary>
    internal static double Combine(double scoreP, double? driftP) =>
        driftP is double drift ? Math.Min(1, 2 * Math.Min(scoreP, drift)) : scoreP;

    private static double Log(float offset) => Math.Log(Math.Abs(offset) + LogOffset);
}

/// <summary>The outcome of a drift test: the channel whose offset is least like the reference runs'.</summary>
/// <param name="Channel">The channel's index.</param>
/// <param name="Offset">Its signed peak offset (of the clipped values: the statistic), in spreads of the channel.
/// </param>
/// <param name="Z">z of the logged offset against the reference runs.</param>
/// <param name="ChannelP">The channel's own upper-tail p-value.</param>
/// <param name="P">The p-value adjusted for the number of channels tested.</param>
/// <param name="PopulationSize">Reference runs compared with.</param>
internal sealed record DriftTest(int Channel, float Offset, double Z, double ChannelP, double P, int PopulationSize);

/// <summary>
/// Finds where a run's drift first became significant on its own, step by step, the same way for a whole run and a
/// live one: the first step whose drift test, against the reference runs at that step, is below the level and whose
/// offset is also past the limit against whole reference runs (so that an onset is never undone at the end).
/// </summary>
internal sealed class DriftOnset(DriftReference reference, double level, string? exclude)
{
    private readonly Dictionary<int, double> _limits = [];

    /// <summary>Whether the drift test of one step marks the onset.</summary>
    public bool Passes(DriftTest test)
    {
        if (test.P >= level)
        {
            return false;
        }

        if (!_limits.TryGetValue(test.Channel, out double limit))
        {
            limit = reference.Limit(test.Channel, level, exclude);
            _limits[test.Channel] = limit;
        }

        return Math.Abs(test.Offset) > limit;
    }
}
