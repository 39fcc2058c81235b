using FermentEngine.Cli.Remote;
using FermentEngine.Engine.Training;

namespace FermentEngine.Engine.Tests.Cli;

/// <summary>Training options on their way to a server: unsigned wire counts never carry a wrapped negative.</summary>
public sealed class WireConversionTests
{
    [Test]
    public void ToWire_ValidOptions_CountsCarriedAsGiven()
    {
        var wire = WireConversion.ToWire(new TrainingOptions { DriftSteps = 0, WindowLength = 48, Folds = 3 });

        Assert.That((wire.DriftSteps, wire.WindowLength, wire.Folds), Is.EqualTo((0u, 48u, 3u)));
    }

    [Test]
    public void ToWire_NegativeDriftWindow_ThrowsInsteadOfWrapping()
    {
        var options = new TrainingOptions { DriftSteps = -1 };

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => WireConversion.ToWire(options));

        Assert.That(ex!.ParamName, Is.EqualTo("options.DriftSteps"));
    }
}
