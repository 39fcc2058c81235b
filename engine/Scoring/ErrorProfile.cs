using System.Numerics.Tensors;

namespace FermentEngine.Engine.Scoring;

/// <summary>
/// A run's reconstruction error: squared error per step and channel <c>[time × channel]</c>, the same divided by
/// the error good runs show there (<see cref="ErrorNormalizer"/>), the step error (mean of the normalised errors over
/// channels) and the running run score (largest trailing moving average of the step error so far).
/// </summary>
internal sealed class ErrorProfile
{
    private ErrorProfile(float[] squared, float[] normalized, float[] step, float[] runningScore, int channelCount)
    {
        Squared = squared;
        Normalized = normalized;
        Step = step;
        RunningScore = runningScore;
        ChannelCount = channelCount;
    }

    /// <summary>Squared error <c>[time × channel]</c> in normalised units.</summary>
    public float[] Squared { get; }

    /// <summary>Squared error over its expectation for good runs <c>[time × channel]</c>; about 1 for good runs.</summary>
    public float[] Normalized { get; }

    /// <summary>Mean normalised error of each step over the channels.</summary>
    public float[] Step { get; }

    /// <summary>Run score of the first t + 1 steps, for every t.</summary>
    public float[] RunningScore { get; }

    /// <summary>Channels per step.</summary>
    public int ChannelCount { get; }

    /// <summary>The score of the whole run.</summary>
    public float Score => RunningScore.Length > 0 ? RunningScore[^1] : float.NaN;

    /// <summary>Computes the profile from the normalised input and its reconstruction.</summary>
    /// <param name="smoothingSteps">Length of the trailing moving average that the run score maximises.</param>
    /// <param name="normalizer">Expected errors of good runs; null leaves the errors as they are.</param>
    /// <param name="hasEnded">Whether the input's last step is the end of the run.</param>
    /// <param name="stepOffset">Position of the input's first step in its run.</param>
    public static ErrorProfile Compute(
        ReadOnlySpan<float> input, ReadOnlySpan<float> reconstruction, int channelCount, int smoothingSteps,
        ErrorNormalizer? normalizer = null, bool hasEnded = true, int stepOffset = 0)
    {
        var squared = new float[input.Length];
        TensorPrimitives.Subtract(reconstruction, input, squared);
        TensorPrimitives.Multiply(squared, squared, squared);
        return FromSquared(squared, channelCount, smoothingSteps, normalizer, hasEnded, stepOffset);
    }

    /// <summary>Builds the profile from raw squared errors <c>[time × channel]</c>.</summary>
    public static ErrorProfile FromSquared(
        float[] squared, int channelCount, int smoothingSteps, ErrorNormalizer? normalizer, bool hasEnded = true,
        int stepOffset = 0)
    {
        float[] normalized = squared;
        if (normalizer is not null)
        {
            normalized = (float[])squared.Clone();
            normalizer.Normalize(normalized, channelCount, hasEnded, stepOffset);
        }

        int steps = squared.Length / channelCount;
        var step = new float[steps];
        for (int t = 0; t < steps; t++)
        {
            step[t] = TensorPrimitives.Sum(normalized.AsSpan(t * channelCount, channelCount)) / channelCount;
        }

        return new ErrorProfile(squared, normalized, step, Running(step, smoothingSteps), channelCount);
    }

    /// <summary>Running maximum of the trailing moving average (over the steps available at the start).</summary>
    public static float[] Running(ReadOnlySpan<float> step, int smoothingSteps)
    {
        var running = new float[step.Length];
        double window = 0;
        float best = float.NegativeInfinity;
        for (int t = 0; t < step.Length; t++)
        {
            window += step[t];
            if (t >= smoothingSteps)
            {
                window -= step[t - smoothingSteps];
            }

            float average = (float)(window / Math.Min(t + 1, smoothingSteps));
            best = MathF.Max(best, average);
            running[t] = best;
        }

        return running;
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

    /// <summary>The steps [start, end) of the trailing window where the run score peaks.</summary>
    public (int Start, int End) PeakWindow(int smoothingSteps)
    {
        int peak = Array.IndexOf(RunningScore, Score);
        return (Math.Max(0, peak - smoothingSteps + 1), peak + 1);
    }
}
