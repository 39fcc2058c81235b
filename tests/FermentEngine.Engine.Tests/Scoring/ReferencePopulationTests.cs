using FermentEngine.Engine.Scoring;

namespace FermentEngine.Engine.Tests.Scoring;

public sealed class ReferencePopulationTests
{
    private static ReferencePopulation Population(params float[] scores) =>
        new(scores.Select((_, i) => $"r{i}").ToList(), scores.Select(s => new[] { s / 2, s }).ToList());

    [Test]
    public void Evaluate_ScoreAtMedian_HasPNearHalf()
    {
        var population = Population(1.0f, 1.1f, 0.9f, 1.05f, 0.95f);

        var (z, p, size) = population.Evaluate(1.0);

        Assert.That(size, Is.EqualTo(5));
        Assert.That(Math.Abs(z), Is.LessThan(0.2));
        Assert.That(p, Is.InRange(0.4, 0.6));
    }

    [Test]
    public void Evaluate_FarAboveThePopulation_HasTinyP()
    {
        var population = Population(1.0f, 1.1f, 0.9f, 1.05f, 0.95f, 1.02f);

        var (_, p, _) = population.Evaluate(5.0);

        Assert.That(p, Is.LessThan(1e-4));
    }

    [Test]
    public void Evaluate_TooFewRuns_GivesNoPValue()
    {
        var population = Population(1.0f, 1.1f, 0.9f);

        var (z, p, size) = population.Evaluate(1.0, exclude: "r0");

        Assert.That(size, Is.EqualTo(2));
        Assert.That(p, Is.NaN);
        Assert.That(z, Is.NaN);
    }

    [Test]
    public void Evaluate_PartialRun_UsesTheReferenceScoresAtTheSameStep()
    {
        // Every reference run scores s/2 after one step; a partial score of 0.5 is ordinary there.
        var population = Population(1.0f, 1.1f, 0.9f, 1.05f, 0.95f);

        var (_, whole, _) = population.Evaluate(0.5);
        var (_, partial, _) = population.Evaluate(0.5, stepCount: 1);

        Assert.That(whole, Is.GreaterThan(0.99));
        Assert.That(partial, Is.InRange(0.3, 0.7));
    }

    [Test]
    public void Evaluate_PartialRun_UsesTheOpenCurvesAndAWholeRunTheFinishedOnes()
    {
        var finished = new List<float[]> { new[] { 1f, 1f }, new[] { 1.1f, 1.1f }, new[] { 0.9f, 0.9f } };
        var open = finished.Select(c => c.Select(v => v * 4).ToArray()).ToList();
        var population = new ReferencePopulation(["a", "b", "c"], finished, open);

        var (_, whole, _) = population.Evaluate(4.0);
        var (_, partial, _) = population.Evaluate(4.0, stepCount: 2);

        Assert.That(whole, Is.LessThan(0.01));
        Assert.That(partial, Is.InRange(0.3, 0.7));
        Assert.That(population.OpenRunningScores, Is.EqualTo(open));
    }

    [Test]
    public void Evaluate_NaNScore_IsNeverOrdinary()
    {
        var population = Population(1.0f, 1.1f, 0.9f, 1.05f);

        var (_, p, _) = population.Evaluate(double.NaN);

        Assert.That(p, Is.NaN);
    }
}
