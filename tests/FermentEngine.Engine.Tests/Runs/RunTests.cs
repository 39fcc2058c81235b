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
        Assert.That(head.LengthHours, Is.EqualTo(0.2).Within(1e-12));
    }
}
