using FermentEngine.Engine.Scoring;

namespace FermentEngine.Engine.Tests.Scoring;

public sealed class DriftReferenceTests
{
    private const int Window = 5;

    // Twelve reference runs of 20 steps and three channels: peak offsets near 0.2 spreads, a little different per
    // run, reached at the window's end and held.
    private static DriftReference Reference(bool[]? tested = null, int runs = 12)
    {
        var random = new Random(3);
        var curves = new List<float[]>();
        for (int r = 0; r < runs; r++)
        {
            var curve = new float[20 * 3];
            for (int t = Window - 1; t < 20; t++)
            {
                for (int c = 0; c < 3; c++)
                {
                    curve[t * 3 + c] = (float)(0.2 + 0.05 * random.NextDouble());
                }
            }

            curves.Add(curve);
        }

        return new DriftReference(Window, Enumerable.Range(0, runs).Select(r => $"r{r}").ToList(), curves,
            tested ?? [true, true, true]);
    }

    [Test]
    public void Evaluate_OrdinaryOffsets_AreNotSignificant()
    {
        var test = Reference().Evaluate([0.22f, -0.21f, 0.23f], null, null);

        Assert.That(test, Is.Not.Null);
        Assert.That(test!.P, Is.GreaterThan(0.1));
        Assert.That(test.PopulationSize, Is.EqualTo(12));
    }

    [Test]
    public void Evaluate_OneChannelFarOff_NamesItWithAPValueAdjustedForThreeChannels()
    {
        var test = Reference().Evaluate([0.22f, -1.9f, 0.23f], null, null);

        Assert.That(test!.Channel, Is.EqualTo(1));
        Assert.That(test.Offset, Is.EqualTo(-1.9f));
        Assert.That(test.ChannelP, Is.LessThan(1e-4));
        Assert.That(test.P, Is.EqualTo(3 * test.ChannelP).Within(1e-15));
    }

    [Test]
    public void Evaluate_UntestedChannel_IsIgnoredAndNotCounted()
    {
        var test = Reference(tested: [true, false, true]).Evaluate([0.22f, -1.9f, 0.23f], null, null);

        Assert.That(test!.Channel, Is.Not.EqualTo(1));
        Assert.That(test.P, Is.EqualTo(2 * test.ChannelP).Within(1e-15));
    }

    [Test]
    public void Evaluate_ReferenceRunsShorterThanTheWindow_LeftOut()
    {
        var full = Reference();
        // Three more runs that ended before filling a window: they have no offset, not an offset of 0.
        var curves = full.Curves.Concat(Enumerable.Range(0, 3).Select(_ => new float[(Window - 1) * 3])).ToList();
        var runs = full.Runs.Concat(["s0", "s1", "s2"]).ToList();
        var withShort = new DriftReference(Window, runs, curves, [true, true, true]);

        var test = withShort.Evaluate([0.22f, 0.21f, 0.5f], null, null);

        Assert.That(test!.PopulationSize, Is.EqualTo(12));
        Assert.That(test.P, Is.EqualTo(full.Evaluate([0.22f, 0.21f, 0.5f], null, null)!.P));
    }

    [Test]
    public void Evaluate_TooFewReferenceRunsOrTooFewSteps_GivesNoTest()
    {
        Assert.That(Reference(runs: 2).Evaluate([0.2f, 0.2f, 0.2f], null, null), Is.Null);
        Assert.That(Reference(runs: 3).Evaluate([0.2f, 0.2f, 0.2f], null, "r0"), Is.Null);
        Assert.That(Reference().Evaluate([3f, 0.2f, 0.2f], Window - 1, null), Is.Null);
        Assert.That(Reference().Evaluate([3f, 0.2f, 0.2f], Window, null), Is.Not.Null);
    }

    [Test]
    public void Limit_OffsetAtTheLimit_HasTheAdjustedPValueOfTheLevel()
    {
        var reference = Reference();
        double limit = reference.Limit(channel: 2, adjustedLevel: 0.005, exclude: null);

        var test = reference.Evaluate([0.2f, 0.2f, (float)limit], null, null);

        Assert.That(limit, Is.GreaterThan(0.25));
        Assert.That(test!.Channel, Is.EqualTo(2));
        Assert.That(test.P, Is.EqualTo(0.005).Within(1e-4));
    }

    [TestCase(0.3, 0.002, 0.004)]
    [TestCase(0.004, 0.9, 0.008)]
    [TestCase(0.7, 0.6, 1.0)]
    public void Combine_IsTwiceTheSmallerCappedAtOne(double scoreP, double driftP, double expected)
    {
        Assert.That(DriftReference.Combine(scoreP, driftP), Is.EqualTo(expected).Within(1e-15));
    }

    [Test]
    public void Combine_WithoutADriftTest_IsTheScoreTest()
    {
        Assert.That(DriftReference.Combine(0.03, null), Is.EqualTo(0.03));
    }
}
