using System.Numerics.Tensors;

namespace FermentEngine.Engine.Scoring;

/// <summary>
/// A run's deviation from good runs, per step and channel <c>[time × channel]</c>, from two complementary parts:
/// the squared reconstruction error (what the network cannot explain: a broken pattern) and the squared
/// reconstruction itself (how far the explained state is from the reference trajectory: a slow drift that the
/// network reproduces faithfully). Each part is divided by what good held-out runs show for the same channel and
/// position (<see cref="ErrorNormalizer"/>) and the two are averaged. The step error is the trailing moving average
/// of the channel mean (<see cref="ChannelSmoother"/>); the running run score is the largest step error so far.
/// </summary>
internal sealed class ErrorProfile
{
    private ErrorProfile(
        float[] squared, float[] level, float[] normalized, float[] step, float[] runningScore, int channelCount)
    {
        Squared = squared;
        Level = level;
        Normalized = normalized;
        Step = step;
        RunningScore = runningScore;
        ChannelCount = channelCount;
    }

    /// <summary>Squared error <c>[time × channel]</c> in normalised units.</summary>
    public float[] Squared { get; }

    /// <summary>Squared reconstruction <c>[time × channel]</c> in normalised units.</summary>
    public float[] Level { get; }

    /// <summary>Both parts over their expectations for good runs, averaged <c>[time × channel]</c>; about 1 for good
    /// runs.</summary>
    public float[] Normalized { get; }

    /// <summary>The step statistic: the trailing moving average of the channel-mean normalised error.</summary>
    public float[] Step { get; }

    /// <summary>Run score of the first t + 1 steps, for every t.</summary>
    public float[] RunningScore { get; }

    /// <summary>Channels per step.</summary>
    public int ChannelCount { get; }

    /// <summary>The score of the whole run.</summary>
    public float Score => RunningScore.Length > 0 ? RunningScore[^1] : float.NaN;

    /// <summary>Computes the profile from the normalised input and its reconstruction.</summary>
    /// <param name="smoothingSteps">Length of the trailing moving average that the run score maximises.</param>
    /// <param name="normalizers">Expected errors and levels of good runs; null leaves both as they are.</param>
    /// <param name="hasEnded">Whether the input's last step is the end of the run.</param>
    /// <param name="stepOffset">Position of the input's first step in its run.</param>
    public static ErrorProfile Compute(
        ReadOnlySpan<float> input, ReadOnlySpan<float> reconstruction, int channelCount, int smoothingSteps,
        (ErrorNormalizer Error, ErrorNormalizer Level)? normalizers = null, bool hasEnded = true, int stepOffset = 0)
    {
        var squared = new float[input.Length];
        TensorPrimitives.Subtract(reconstruction, input, squared);
        TensorPrimitives.Multiply(squared, squared, squared);
        var level = new float[input.Length];
        TensorPrimitives.Multiply(reconstruction, reconstruction, level);
        return FromParts(squared, level, channelCount, smoothingSteps, normalizers, hasEnded, stepOffset);
    }

    /// <summary>Builds the profile from raw squared errors and levels <c>[time × channel]</c>.</summary>
    public static ErrorProfile FromParts(
        float[] squared, float[] level, int channelCount, int smoothingSteps,
        (ErrorNormalizer Error, ErrorNormalizer Level)? normalizers, bool hasEnded = true, int stepOffset = 0)
    {
        var normalized = (float[])squared.Clone();
        var normalizedLevel = (float[])level.Clone();
        if (normalizers is var (error, levels))
        {
            error.Normalize(normalized, channelCount, hasEnded, stepOffset);
            levels.Normalize(normalizedLevel, channelCount, hasEnded, stepOffset);
        }

        TensorPrimitives.Add(normalized, normalizedLevel, normalized);
        TensorPrimitives.Multiply(normalized, 0.5f, normalized);

        int steps = squared.Length / channelCount;
        var step = new float[steps];
        var running = new float[steps];
        var smoother = new ChannelSmoother(channelCount, smoothingSteps);
        float best = 0;
        for (int t = 0; t < steps; t++)
        {
            step[t] = smoother.Push(normalized.AsSpan(t * channelCount, channelCount));
            best = MathF.Max(best, step[t]);
            running[t] = best;
        }

        return new ErrorProfile(squared, level, normalized, step, running, channelCount);
    }

    /// <summary>One step's normalised row from its raw squared error and level, exactly as
    /// <see cref="FromParts"/> computes it within a whole profile.</summary>
    /// <param name="position">The step's position in its run.</param>
    /// <param name="totalSteps">Steps of the run so far.</param>
    /// <param name="hasEnded">Whether the run ends after <paramref name="totalSteps"/>.</param>
    public static void NormalizeRow(
        ReadOnlySpan<float> squared, ReadOnlySpan<float> level,
        (ErrorNormalizer Error, ErrorNormalizer Level) normalizers, int position, int totalSteps, bool hasEnded,
        Span<float> destination)
    {
        int channels = squared.Length;
        ReadOnlySpan<float> error = normalizers.Error.Expected(position, totalSteps, hasEnded, channels);
        ReadOnlySpan<float> levels = normalizers.Level.Expected(position, totalSteps, hasEnded, channels);
        for (int c = 0; c < channels; c++)
        {
            destination[c] = (squared[c] / error[c] + level[c] / levels[c]) * 0.5f;
        }
    }

    /// <summary>Each channel's share of the normalised error over steps [start, end).</summary>
    public double[] ChannelShares(int start, int end)
    {
        var totals = new double[ChannelCount];
        for (int t = start; t < end; t++)
        {
            for (int c = 0; c < ChannelCount; c++)
            {
                totals[c] += Normalized[t * ChannelCount + c];
            }
        }

        double sum = totals.Sum();
        for (int c = 0; c < ChannelCount; c++)
        {
            totals[c] = sum > 0 ? totals[c] / sum : 1.0 / ChannelCount;
        }

        return totals;
    }

    /// <summary>The first <paramref name="steps"/> steps of this profile.</summary>
    public ErrorProfile Take(int steps)
    {
        int cells = steps * ChannelCount;
        return new ErrorProfile(Squared[..cells], Level[..cells], Normalized[..cells], Step[..steps],
            RunningScore[..steps], ChannelCount);
    }

    /// <summary>The steps [start, end) of the trailing window where the run score peaks.</summary>
    /// <param name="smoothingSteps">The moving-average length of the step statistic.</param>
    public (int Start, int End) PeakWindow(int smoothingSteps)
    {
        int peak = Array.IndexOf(RunningScore, Score);
        return (Math.Max(0, peak - smoothingSteps + 1), peak + 1);
    }
}
