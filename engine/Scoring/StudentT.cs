namespace FermentEngine.Engine.Scoring;

/// <summary>Student-t tail probabilities, for prediction limits from small reference populations.</summary>
public static class StudentT
{
    /// <summary>P(T &gt; t) for a Student-t variable with <paramref name="degreesOfFreedom"/> degrees of freedom.
    /// </summary>
    /// <returns>A probability in [0, 1]; NaN when <paramref name="t"/> is NaN.</returns>
    public static double UpperTail(double t, double degreesOfFreedom)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(degreesOfFreedom);
        if (double.IsNaN(t))
        {
            return double.NaN;
        }

        if (double.IsPositiveInfinity(t))
        {
            return 0;
        }

        if (double.IsNegativeInfinity(t))
        {
            return 1;
        }

        double x = degreesOfFreedom / (degreesOfFreedom + t * t);
        double half = 0.5 * RegularizedIncompleteBeta(0.5 * degreesOfFreedom, 0.5, x);
        return t >= 0 ? half : 1 - half;
    }

    /// <summary>A new value against a sample of n reference values with the given mean and standard deviation:
    /// its z, and the upper-tail p-value of the Student-t prediction interval for one more draw (n − 1 degrees of
    /// freedom, spread widened by √(1 + 1/n)).</summary>
    internal static (double Z, double P) Predict(double value, double mean, double stdDev, int n)
    {
        double z = (value - mean) / stdDev;
        return (z, UpperTail(z / Math.Sqrt(1 + 1.0 / n), n - 1));
    }

    /// <summary>The value whose <see cref="Predict"/> p-value is <paramref name="level"/> against a sample of n
    /// reference values with the given mean and standard deviation: the inverse of <see cref="Predict"/>.</summary>
    internal static double PredictionLimit(double mean, double stdDev, int n, double level) =>
        mean + UpperQuantile(level, n - 1) * Math.Sqrt(1 + 1.0 / n) * stdDev;

    /// <summary>The t with P(T &gt; t) = <paramref name="probability"/>: the inverse of <see cref="UpperTail"/>.
    /// </summary>
    /// <param name="probability">An upper-tail probability in (0, 1).</param>
    /// <param name="degreesOfFreedom">Degrees of freedom, positive.</param>
    public static double UpperQuantile(double probability, double degreesOfFreedom)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(degreesOfFreedom);
        if (!(probability is > 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "must be between 0 and 1.");
        }

        // UpperTail falls monotonically in t: widen a bracket until it holds the answer, then bisect.
        double low = -1;
        double high = 1;
        while (UpperTail(low, degreesOfFreedom) < probability)
        {
            low *= 2;
        }

        while (UpperTail(high, degreesOfFreedom) > probability)
        {
            high *= 2;
        }

        for (int i = 0; i < 200 && high - low > 1e-12 * Math.Max(1, Math.Abs(high)); i++)
        {
            double mid = 0.5 * (low + high);
            (low, high) = UpperTail(mid, degreesOfFreedom) > probability ? (mid, high) : (low, mid);
        }

        return 0.5 * (low + high);
    }

    /// <summary>I_x(a, b), the regularised incomplete beta function, for a, b &gt; 0 and x in [0, 1].</summary>
    internal static double RegularizedIncompleteBeta(double a, double b, double x)
    {
        if (x <= 0)
        {
            return 0;
        }

        if (x >= 1)
        {
            return 1;
        }

        double logFront = LogGamma(a + b) - LogGamma(a) - LogGamma(b) + a * Math.Log(x) + b * Math.Log(1 - x);
        double front = Math.Exp(logFront);

        // The continued fraction converges fast only below the mean; use the symmetry relation above it.
        return x < (a + 1) / (a + b + 2)
            ? front * BetaContinuedFraction(a, b, x) / a
            : 1 - front * BetaContinuedFraction(b, a, 1 - x) / b;
    }

    /// <summary>ln Γ(x) for x &gt; 0 (Lanczos approximation, relative error below 1e-14).</summary>
    internal static double LogGamma(double x)
    {
        ReadOnlySpan<double> coefficients =
        [
            0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
            -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
            1.5056327351493116e-7,
        ];
        if (x < 0.5)
        {
            return Math.Log(Math.PI / Math.Sin(Math.PI * x)) - LogGamma(1 - x);
        }

        x -= 1;
        double sum = coefficients[0];
        for (int i = 1; i < coefficients.Length; i++)
        {
            sum += coefficients[i] / (x + i);
        }

        double t = x + 7.5;
        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(sum);
    }

    // Modified Lentz evaluation of the incomplete beta continued fraction.
    private static double BetaContinuedFraction(double a, double b, double x)
    {
        const double Tiny = 1e-300;
        double c = 1;
        double d = 1 - (a + b) * x / (a + 1);
        d = 1 / (Math.Abs(d) < Tiny ? Tiny : d);
        double result = d;
        for (int m = 1; m <= 300; m++)
        {
            int m2 = 2 * m;
            double even = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
            d = 1 / NonZero(1 + even * d);
            c = NonZero(1 + even / c);
            result *= d * c;

            double odd = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
            d = 1 / NonZero(1 + odd * d);
            c = NonZero(1 + odd / c);
            double delta = d * c;
            result *= delta;
            if (Math.Abs(delta - 1) < 1e-15)
            {
                break;
            }
        }

        return result;

        static double NonZero(double v) => Math.Abs(v) < Tiny ? Tiny : v;
    }
}
