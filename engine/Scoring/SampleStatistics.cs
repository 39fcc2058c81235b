using System.Numerics;

namespace FermentEngine.Engine.Scoring;

/// <summary>The few sample statistics the engine shares: mean with sample standard deviation, and quantiles.
/// </summary>
internal static class SampleStatistics
{
    /// <summary>Mean and sample standard deviation (n − 1); NaN for no values, σ = 0 for one.</summary>
    public static (double Mean, double StdDev) MeanAndStdDev(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0)
        {
            return (double.NaN, double.NaN);
        }

        double mean = values.Average();
        double sum = values.Sum(v => (v - mean) * (v - mean));
        return (mean, values.Count > 1 ? Math.Sqrt(sum / (values.Count - 1)) : 0);
    }

    /// <summary>Linear-interpolated quantile <paramref name="q"/> of ascending values; NaN for none.</summary>
    public static double Quantile<T>(ReadOnlySpan<T> sorted, double q)
        where T : INumberBase<T>
    {
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        double position = q * (sorted.Length - 1);
        int lower = (int)Math.Floor(position);
        int upper = Math.Min(lower + 1, sorted.Length - 1);
        T step = sorted[upper] - sorted[lower];
        return double.CreateChecked(sorted[lower]) + (position - lower) * double.CreateChecked(step);
    }
}
