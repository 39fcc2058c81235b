using System.Numerics.Tensors;

namespace FermentEngine.Engine.Scoring;

/// <summary>
/// A run's reconstruction error: squared error per step and channel <c>[time × channel]</c>, the step error (mean
/// over channels) and the running run score (largest trailing moving average of the step error so far).
/// </summary>
internal sealed class ErrorProfile
{
    private ErrorProfile(float[] squared, float[] step, float[] runningScore, int channelCount)
    {
        Squared = squared;
        Step = step;
        RunningScore = runningScore;
        ChannelCount = channelCount;
    }

    /// <summary>Squared error <c>[time × channel]</c> in normalised units.</summary>
    public float[] Squared { get; }

    /// <summary>Mean squared error of each step over the channels.</summary>
    public float[] Step { get; }

    /// <summary>Run score of the first t + 1 steps, for every t.</summary>
    public float[] RunningScore { get; }

    /// <summary>Channels per step.</summary>
    public int ChannelCount { get; }

    /// <summary>The score of the whole run.</summary>
    public float Score => RunningScore.Length > 0 ? RunningScore[^1] : float.NaN;

    /// <summary>Computes the profile from the normalised input and its reconstruction.</summary>
    /// <param name="smoothingSteps">Length of the trailing moving average that the run score maximises.</param>
    public static ErrorProfile Compute(
        ReadOnlySpan<float> input, ReadOnlySpan<float> reconstruction, int channelCount, int smoothingSteps)
    {
        int steps = input.Length / channelCount;
        var squared = new float[input.Length];
        TensorPrimitives.Subtract(reconstruction, input, squared);
        TensorPrimitives.Multiply(squared, squared, squared);
        var step = new float[steps];
        for (int t = 0; t < steps; t++)
        {
            step[t] = TensorPrimitives.Sum(squared.AsSpan(t * channelCount, channelCount)) / channelCount;
        }

        return new ErrorProfile(squared, step, Running(step, smoothingSteps), channelCount);
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

    /// <summary>Each channel's share of the squared error over steps [start, end).</summary>
    public double[] ChannelShares(int start, int end)
    {
        var totals = new double[ChannelCount];
        for (int t = start; t < end; t++)
        {
            for (int c = 0; c < ChannelCount; c++)
            {
                totals[c] += Squared[t * ChannelCount + c];
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
