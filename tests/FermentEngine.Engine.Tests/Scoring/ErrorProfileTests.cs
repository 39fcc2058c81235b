using FermentEngine.Engine.Scoring;

namespace FermentEngine.Engine.Tests.Scoring;

public sealed class ErrorProfileTests
{
    [Test]
    public void Compute_TwoChannels_StepIsMovingAverageOfChannelMeanOfErrorAndLevel()
    {
        float[] input = [0, 0, 0, 0, 0, 0];
        float[] output = [2, 0, 0, 2, 0, 0];

        // Each cell is (error² + output²) / 2 = 4 where the output is 2: channel means 2, 2, 0. The first step's
        // window is filled with a zero before it.
        var profile = ErrorProfile.Compute(input, output, channelCount: 2, smoothingSteps: 2);

        Assert.That(profile.Step, Is.EqualTo(new[] { 1f, 2f, 1f }));
        Assert.That(profile.RunningScore, Is.EqualTo(new[] { 1f, 2f, 2f }));
        Assert.That(profile.Score, Is.EqualTo(2f));
    }

    [Test]
    public void Compute_SpikeAtTheFirstStep_AveragedDownLikeASpikeLater()
    {
        float[] zeros = new float[20];
        float[] first = new float[20];
        float[] later = new float[20];
        first[0] = 4;
        later[10] = 4;

        float firstScore = ErrorProfile.Compute(zeros, first, 1, 5).Score;
        float laterScore = ErrorProfile.Compute(zeros, later, 1, 5).Score;

        Assert.That(firstScore, Is.EqualTo(laterScore));
        // (error² + output²) / 2 = 16 at the spike, over a window of 5.
        Assert.That(laterScore, Is.EqualTo(16f / 5));
    }

    [Test]
    public void Compute_SingleSpikeVersusSustainedDeviation_SustainedScoresHigher()
    {
        float[] spike = new float[20];
        float[] sustained = new float[20];
        spike[10] = 4;
        for (int t = 8; t < 14; t++)
        {
            sustained[t] = 2;
        }

        float[] zeros = new float[20];
        float spikeScore = ErrorProfile.Compute(zeros, spike, 1, 5).Score;
        float sustainedScore = ErrorProfile.Compute(zeros, sustained, 1, 5).Score;

        Assert.That(sustainedScore, Is.GreaterThan(spikeScore));
    }

    [Test]
    public void ChannelShares_SumToOneAndPointAtTheDeviatingChannel()
    {
        float[] input = [0, 0, 0, 0];
        float[] output = [0, 3, 1, 3];

        var shares = ErrorProfile.Compute(input, output, 2, 1).ChannelShares(0, 2);

        Assert.That(shares.Sum(), Is.EqualTo(1).Within(1e-12));
        Assert.That(shares[1], Is.EqualTo(18.0 / 19).Within(1e-12));
    }
}
