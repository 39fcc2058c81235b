using FermentEngine.Engine.Runs;

namespace FermentEngine.Engine.Tests.Runs;

public sealed class RunTests
{
    private static readonly ChannelInfo[] s_channels = [new("a"), new("b")];

    [Test]
    public void Constructor_ValuesDoNotFillSteps_Throws()
    {
        Assert.Throws<ArgumentException>(() => new Run("r", s_channels, new double[3], new float[5]));
    }

    [Test]
    public void Prefix_SharesBuffersAndKeepsRows()
    {
        float[] values = [1, 2, 3, 4, 5, 6];
        var run = new Run("r", s_channels, new double[] { 0.2, 0.4, 0.6 }, values);

        Run head = run.Prefix(2);

        Assert.That(head.StepCount, Is.EqualTo(2));
        Assert.That(head.Row(1).ToArray(), Is.EqualTo(new float[] { 3, 4 }));
        Assert.That(head.LengthHours, Is.EqualTo(0.4).Within(1e-12), "0.2 h covered plus one 0.2 h step");
    }

    [Test]
    public void LengthHours_EvenSampling_CoversLastMinusFirstPlusOneStep()
    {
        double[] time = Enumerable.Range(1, 1200).Select(i => 0.2 * i).ToArray();
        var run = new Run("r", s_channels, time, new float[time.Length * 2]);

        Assert.That(run.LengthHours, Is.EqualTo(240).Within(1e-9));
    }

    [TestCase(0), TestCase(1)]
    public void LengthHours_FewerThanTwoSteps_IsZero(int steps)
    {
        var run = new Run("r", s_channels, new double[steps], new float[steps * 2]);

        Assert.That(run.LengthHours, Is.Zero);
    }

    [Test]
    public void Sampling_GapAndDuplicate_AreCounted()
    {
        double[] time = [0, 1, 2, 2, 3, 6, 7];
        var run = new Run("r", s_channels, time, new float[time.Length * 2]);

        RunSampling sampling = run.Sampling;

        Assert.That(sampling.MedianIntervalHours, Is.EqualTo(1));
        Assert.That(sampling.GapCount, Is.EqualTo(1));
        Assert.That(sampling.DuplicateCount, Is.EqualTo(1));
        Assert.That(sampling.LargestIntervalHours, Is.EqualTo(3));
        Assert.That(sampling.FirstGapStep, Is.EqualTo(5));
    }

    [Test]
    public void Prefix_BadCellsAfterTheEnd_AreLeftOut()
    {
        BadCell[] bad = [new(2, "a", "", "r", 0.2), new(4, "b", "inf", "r", 0.6)];
        var run = new Run("r", s_channels, new double[] { 0.2, 0.4, 0.6 }, new float[6], badCells: bad);

        Assert.That(run.Prefix(2).BadCells, Is.EqualTo(new[] { bad[0] }));
    }
}
