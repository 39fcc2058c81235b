using FermentEngine.Engine.Scoring;

namespace FermentEngine.Engine.Tests.Scoring;

public sealed class StudentTTests
{
    // Reference values from printed t tables and the closed form of the Cauchy (df = 1) distribution.
    [TestCase(0.0, 5.0, 0.5)]
    [TestCase(1.0, 1.0, 0.25)]
    [TestCase(2.0, 5.0, 0.050970)]
    [TestCase(2.228139, 10.0, 0.025)]
    [TestCase(3.169273, 10.0, 0.005)]
    [TestCase(-2.0, 5.0, 0.949030)]
    [TestCase(1.959964, 1e7, 0.025)]
    public void UpperTail_KnownQuantiles_MatchTables(double t, double df, double expected)
    {
        Assert.That(StudentT.UpperTail(t, df), Is.EqualTo(expected).Within(2e-6));
    }

    [Test]
    public void UpperTail_NaN_IsNaN()
    {
        Assert.That(StudentT.UpperTail(double.NaN, 3), Is.NaN);
    }

    [Test]
    public void UpperTail_SmallSample_IsWiderThanNormal()
    {
        // With 4 degrees of freedom, t = 3 is far less surprising than z = 3 under a normal law (0.00135).
        Assert.That(StudentT.UpperTail(3, 4), Is.GreaterThan(0.015));
    }

    [TestCase(0.025, 10.0, 2.228139)]
    [TestCase(0.005, 10.0, 3.169273)]
    [TestCase(0.949030, 5.0, -2.0)]
    [TestCase(0.25, 1.0, 1.0)]
    public void UpperQuantile_KnownProbabilities_MatchTables(double probability, double df, double expected)
    {
        Assert.That(StudentT.UpperQuantile(probability, df), Is.EqualTo(expected).Within(2e-5));
    }

    [TestCase(1e-9, 20.0)]
    [TestCase(0.3, 3.0)]
    [TestCase(0.999, 50.0)]
    public void UpperQuantile_IsTheInverseOfUpperTail(double probability, double df)
    {
        double t = StudentT.UpperQuantile(probability, df);

        Assert.That(StudentT.UpperTail(t, df), Is.EqualTo(probability).Within(1e-9 * Math.Max(1, probability)));
    }

    [TestCase(0.0)]
    [TestCase(1.0)]
    [TestCase(double.NaN)]
    public void UpperQuantile_ProbabilityOutsideTheOpenInterval_Throws(double probability)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => StudentT.UpperQuantile(probability, 5));
    }

    [TestCase(0.5, 0.5723649429247001)]
    [TestCase(1.0, 0.0)]
    [TestCase(10.0, 12.801827480081469)]
    public void LogGamma_KnownValues_Match(double x, double expected)
    {
        Assert.That(StudentT.LogGamma(x), Is.EqualTo(expected).Within(1e-12));
    }
}
