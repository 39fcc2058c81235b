namespace FermentEngine.Engine.Tests.Backends;

/// <summary>Central finite differences against an analytic gradient.</summary>
internal static class GradientCheck
{
    /// <summary>
    /// For every element of <paramref name="variable"/>: (loss(x + h) − loss(x − h)) / (actual step) must match
    /// analytic[i] within relative·max(|a|, |n|) + absolute. The element is restored afterwards.
    /// </summary>
    public static void AssertMatches(float[] variable, float[] analytic, Func<double> loss, double step,
        double relative, double absolute, string context)
    {
        Assert.That(analytic, Has.Length.EqualTo(variable.Length), context);
        for (int i = 0; i < variable.Length; i++)
        {
            float saved = variable[i];
            float plus = (float)(saved + step), minus = (float)(saved - step);
            variable[i] = plus;
            double up = loss();
            variable[i] = minus;
            double down = loss();
            variable[i] = saved;
            double numeric = (up - down) / ((double)plus - minus);
            double bound = relative * Math.Max(Math.Abs(numeric), Math.Abs(analytic[i])) + absolute;
            if (!(Math.Abs(numeric - analytic[i]) <= bound))
            {
                Assert.Fail($"{context}: element {i} analytic {analytic[i]}, numeric {numeric} (bound {bound}).");
            }
        }
    }

    /// <summary>Σ weights ⊙ values in double.</summary>
    public static double Dot(ReadOnlySpan<float> weights, ReadOnlySpan<float> values)
    {
        double sum = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            sum += (double)weights[i] * values[i];
        }

        return sum;
    }
}
