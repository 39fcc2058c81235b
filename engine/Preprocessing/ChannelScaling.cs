namespace FermentEngine.Engine.Preprocessing;

/// <summary>Center and spread of one channel's training values.</summary>
internal static class ChannelScaling
{
    /// <summary>Fits center and spread; a channel is constant when its largest and smallest value are equal.</summary>
    /// <remarks>Constancy is an exact comparison, never a variance formula: E[x²] − E[x]² leaves a rounding residue
    /// for values such as 22.62 that have no exact binary form.</remarks>
    public static (float Center, float Spread, bool IsConstant) Fit(List<float> values, NormalizationKind kind)
    {
        if (values.Count == 0)
        {
            return (0, 0, true);
        }

        float min = values.Min();
        float max = values.Max();
        if (min == max)
        {
            return (min, 0, true);
        }

        if (kind == NormalizationKind.Robust)
        {
            var sorted = values.ToArray();
            Array.Sort(sorted);
            float iqr = Quantile(sorted, 0.75) - Quantile(sorted, 0.25);
            return (Quantile(sorted, 0.5), iqr / 1.349f, false);
        }

        double mean = 0;
        foreach (float v in values)
        {
            mean += v;
        }

        mean /= values.Count;
        double sumSquares = 0;
        foreach (float v in values)
        {
            sumSquares += (v - mean) * (v - mean);
        }

        double std = values.Count > 1 ? Math.Sqrt(sumSquares / (values.Count - 1)) : 0;
        return ((float)mean, (float)std, false);
    }

    /// <summary>The mean of the runs at each step <c>[step × channel]</c> (runs aligned at their start), plus one
    /// last row for every later step, and each channel's standard deviation around it.</summary>
    /// <remarks>The last row is the mean of the final 5 % of steps, not the final step alone: a run longer than the
    /// trajectory is compared with it for all its remaining steps, and the mean of the few runs that reach the final
    /// step would shift all of them by that step's noise.</remarks>
    public static (float[] Trajectory, float[] Spread) FitTrajectory(List<float[]> runs, int channelCount)
    {
        // Steps that fewer than half the runs reach would make a noisy mean; later steps use the last kept one.
        var lengths = runs.Select(r => r.Length / channelCount).OrderDescending().ToArray();
        int steps = lengths[(lengths.Length - 1) / 2];
        var sums = new double[steps * channelCount];
        var counts = new int[steps];
        foreach (float[] run in runs)
        {
            int covered = Math.Min(steps, run.Length / channelCount);
            for (int i = 0; i < covered * channelCount; i++)
            {
                sums[i] += run[i];
            }

            for (int t = 0; t < covered; t++)
            {
                counts[t]++;
            }
        }

        var trajectory = new float[sums.Length + channelCount];
        for (int i = 0; i < sums.Length; i++)
        {
            trajectory[i] = (float)(sums[i] / counts[i / channelCount]);
        }

        int tailSteps = Math.Max(1, steps / 20);
        for (int c = 0; c < channelCount; c++)
        {
            double tail = 0;
            for (int t = steps - tailSteps; t < steps; t++)
            {
                tail += trajectory[t * channelCount + c];
            }

            trajectory[steps * channelCount + c] = (float)(tail / tailSteps);
        }

        var squares = new double[channelCount];
        long n = 0;
        foreach (float[] run in runs)
        {
            for (int i = 0; i < run.Length; i++)
            {
                int step = Math.Min(i / channelCount, steps);
                double d = run[i] - trajectory[step * channelCount + i % channelCount];
                squares[i % channelCount] += d * d;
            }

            n += run.Length / channelCount;
        }

        var spread = squares.Select(s => (float)Math.Sqrt(s / Math.Max(1, n - 1))).ToArray();
        return (trajectory, spread);
    }

    /// <summary>The divisor of a channel: its spread, unless the spread is negligible next to its level (a
    /// constant channel), then 1e-3 × max(|center|, 1), so that a 1 ‰ change counts as one unit.</summary>
    public static float Floor(float spread, float center)
    {
        float level = MathF.Max(MathF.Abs(center), 1f);
        return spread > 1e-6f * level ? spread : 1e-3f * level;
    }

    /// <summary>Linear-interpolated quantile of sorted values; NaN for none.</summary>
    public static float Quantile(ReadOnlySpan<float> sorted, double q) =>
        (float)Scoring.SampleStatistics.Quantile(sorted, q);

}
