using FermentEngine.Engine.Scoring;

namespace FermentEngine.Engine.Tests.Scoring;

public sealed class DriftTrackerTests
{
    [Test]
    public void Curve_SteadyOffset_IsZeroUntilTheWindowIsFullThenTheOffset()
    {
        // Channel 0 sits 1.5 spreads above the trajectory, channel 1 on it.
        float[] input = Enumerable.Range(0, 10).SelectMany(_ => new[] { 1.5f, 0f }).ToArray();

        float[] curve = DriftTracker.Curve(input, channelCount: 2, window: 4);

        Assert.That(curve.Take(3 * 2), Is.All.EqualTo(0f));
        Assert.That(curve.Skip(3 * 2).Where((_, i) => i % 2 == 0), Is.All.EqualTo(1.5f).Within(1e-6f));
        Assert.That(curve.Where((_, i) => i % 2 == 1), Is.All.EqualTo(0f));
    }

    [Test]
    public void Curve_BurstsBeyondTheClip_CountOnlyUpToTheClip()
    {
        float[] input = Enumerable.Repeat(50f, 6).ToArray();

        float[] curve = DriftTracker.Curve(input, channelCount: 1, window: 3);

        Assert.That(curve[^1], Is.EqualTo(DriftTracker.Clip));
    }

    [Test]
    public void Curve_OffsetsAreTheUnclippedMeanOverThePeakWindow()
    {
        float[] input = [1, 1, 1, 50, 50, 50, 0, 0, 0];

        float[] curve = DriftTracker.Curve(input, channelCount: 1, window: 3, out float[] offsets);

        Assert.That(DriftTracker.FinalPeaks(curve, 1)[0], Is.EqualTo(DriftTracker.Clip));
        Assert.That(offsets[0], Is.EqualTo(50f));
    }

    [Test]
    public void Curve_KeepsTheLargestSignedMeanSoFar()
    {
        // Down to -1.8 for a while, then back on the trajectory: the peak stays at the low stretch's mean.
        float[] input = [0, 0, -1.8f, -1.8f, -1.8f, 0, 0, 0, 0.5f, 0.5f];

        float[] curve = DriftTracker.Curve(input, channelCount: 1, window: 3);

        Assert.That(curve[4], Is.EqualTo(-1.8f).Within(1e-6f));
        Assert.That(DriftTracker.FinalPeaks(curve, 1)[0], Is.EqualTo(-1.8f).Within(1e-6f));
    }

    [Test]
    public void Push_OneStepAtATime_EqualsTheWholeCurve()
    {
        var random = new Random(5);
        float[] input = Enumerable.Range(0, 3 * 40).Select(_ => (float)(random.NextDouble() * 6 - 3)).ToArray();
        float[] curve = DriftTracker.Curve(input, channelCount: 3, window: 7);
        var tracker = new DriftTracker(3, 7);

        for (int t = 0; t < 40; t++)
        {
            tracker.Push(input.AsSpan(t * 3, 3));
            Assert.That(tracker.Peaks.ToArray(), Is.EqualTo(curve.AsSpan(t * 3, 3).ToArray()), $"step {t}");
            Assert.That(tracker.IsFull, Is.EqualTo(t >= 6));
        }
    }
}
