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

    /// <summary>Linear-interpolated quantile of sorted values.</summary>
    public static float Quantile(ReadOnlySpan<float> sorted, double q)
    {
        if (sorted.Length == 0)
        {
            return float.NaN;
        }

        double position = q * (sorted.Length - 1);
        int lower = (int)Math.Floor(position);
        int upper = Math.Min(lower + 1, sorted.Length - 1);
        double fraction = position - lower;
        return (float)(sorted[lower] + fraction * (sorted[upper] - sorted[lower]));
    }
}
