using FermentEngine.Engine.Scoring;

namespace FermentEngine.Engine.Tests.Scoring;

public sealed class ErrorProfileTests
{
    [Test]
    public void Compute_TwoChannels_StepErrorIsChannelMean()
    {
        float[] input = [0, 0, 1, 1, 2, 2];
        float[] output = [1, 0, 1, 3, 2, 2];

        var profile = ErrorProfile.Compute(input, output, channelCount: 2, smoothingSteps: 2);

        Assert.That(profile.Step, Is.EqualTo(new[] { 0.5f, 2f, 0f }));
        Assert.That(profile.RunningScore, Is.EqualTo(new[] { 0.5f, 1.25f, 1.25f }));
        Assert.That(profile.Score, Is.EqualTo(1.25f));
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
