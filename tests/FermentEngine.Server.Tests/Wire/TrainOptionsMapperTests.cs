using FermentEngine.Cli.Remote;
using FermentEngine.Engine.Preprocessing;
using FermentEngine.Engine.Training;
using FermentEngine.Protos.V1;
using FermentEngine.Server.Wire;
using Grpc.Core;

namespace FermentEngine.Server.Tests.Wire;

/// <summary>Training options survive the trip CLI → wire → server unchanged, and bad ones are refused.</summary>
public sealed class TrainOptionsMapperTests
{
    public static IEnumerable<TrainingOptions> Options()
    {
        yield return new TrainingOptions();
        yield return new TrainingOptions
        {
            Channels = ["ph", "temperature"],
            MissingValues = MissingValuePolicy.Interpolate,
            Normalization = NormalizationKind.Trajectory,
            ExcludeLengthOutliers = false,
            WindowLength = 96,
            BatchSize = 4,
            MaxEpochs = 7,
            Patience = 2,
            LearningRate = 1e-3,
            Folds = 3,
            Seed = -5,
            Widths = [8, 16],
            KernelSize = 3,
            Significance = 0.05,
            AlarmPersistence = 2,
            SmoothingSteps = 4,
            AlarmQuantile = 0.99,
            DriftSteps = 0,
        };
        yield return new TrainingOptions
        {
            MissingValues = MissingValuePolicy.HoldLast,
            Normalization = NormalizationKind.Robust,
            DriftSteps = 40,
        };
    }

    [TestCaseSource(nameof(Options))]
    public void ToEngine_FromCliOptions_SameOptions(TrainingOptions original)
    {
        TrainingOptions back = TrainOptionsMapper.ToEngine(WireConversion.ToWire(original));

        Assert.Multiple(() =>
        {
            Assert.That(back with { Channels = null, Widths = [] },
                Is.EqualTo(original with { Channels = null, Widths = [] }));
            Assert.That(back.Channels, Is.EqualTo(original.Channels));
            Assert.That(back.Widths, Is.EqualTo(original.Widths));
        });
    }

    [TestCase("max_epochs")]
    [TestCase("folds")]
    [TestCase("significance")]
    [TestCase("kernel_size")]
    public void ToEngine_OutOfRange_InvalidArgumentNamingTheOption(string field)
    {
        var wire = field switch
        {
            "max_epochs" => new TrainOptions { MaxEpochs = 0 },
            "folds" => new TrainOptions { Folds = 1 },
            "significance" => new TrainOptions { Significance = 1.5 },
            _ => new TrainOptions { KernelSize = 4 },
        };

        var ex = Assert.Throws<RpcException>(() => TrainOptionsMapper.ToEngine(wire));

        Assert.That(ex!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(ex.Status.Detail, Does.StartWith($"options.{field}: "));
    }
}
