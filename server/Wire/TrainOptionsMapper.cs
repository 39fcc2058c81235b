using FermentEngine.Engine;
using FermentEngine.Engine.Preprocessing;
using FermentEngine.Engine.Training;
using FermentEngine.Protos.V1;

namespace FermentEngine.Server.Wire;

/// <summary>Turns wire training options into the engine's, refusing values out of range by field path.</summary>
internal static class TrainOptionsMapper
{
    public static TrainingOptions ToEngine(TrainOptions? wire)
    {
        var options = new TrainingOptions();
        if (wire is null)
        {
            return options;
        }

        options = options with
        {
            Channels = wire.Channels.Count > 0 ? [.. wire.Channels] : null,
            MissingValues = MissingValuesOf(wire.MissingValues),
            Normalization = NormalizationOf(wire.Normalization),
            ExcludeLengthOutliers = wire.HasExcludeLengthOutliers
                ? wire.ExcludeLengthOutliers
                : options.ExcludeLengthOutliers,
            MaxEpochs = wire.HasMaxEpochs ? Count(wire.MaxEpochs, "max_epochs", 1, 100_000) : options.MaxEpochs,
            Folds = wire.HasFolds ? Count(wire.Folds, "folds", 2, 50) : options.Folds,
            WindowLength = wire.HasWindowLength
                ? Count(wire.WindowLength, "window_length", 4, 1_000_000)
                : options.WindowLength,
            Seed = wire.HasSeed ? wire.Seed : options.Seed,
            Significance = wire.HasSignificance ? Fraction(wire.Significance, "significance") : options.Significance,
            AlarmPersistence = wire.HasAlarmPersistence
                ? Count(wire.AlarmPersistence, "alarm_persistence", 1, 100_000)
                : options.AlarmPersistence,
            BatchSize = wire.HasBatchSize ? Count(wire.BatchSize, "batch_size", 1, 65_536) : options.BatchSize,
            Patience = wire.HasPatience ? Count(wire.Patience, "patience", 1, 100_000) : options.Patience,
            LearningRate = wire.HasLearningRate ? Positive(wire.LearningRate, "learning_rate") : options.LearningRate,
            Widths = wire.Widths.Count > 0 ? Widths(wire.Widths) : options.Widths,
            SmoothingSteps = wire.HasSmoothingSteps
                ? Count(wire.SmoothingSteps, "smoothing_steps", 1, 100_000)
                : options.SmoothingSteps,
            DriftSteps = wire.HasDriftSteps
                ? Count(wire.DriftSteps, "drift_steps", 0, 1_000_000)
                : options.DriftSteps,
            KernelSize = wire.HasKernelSize ? KernelSize(wire.KernelSize) : options.KernelSize,
            AlarmQuantile = wire.HasAlarmQuantile
                ? Fraction(wire.AlarmQuantile, "alarm_quantile")
                : options.AlarmQuantile,
        };

        // The engine's own check, for any rule it has beyond the ranges above.
        try
        {
            options.Validate();
        }
        catch (FermentDataException ex)
        {
            throw WireErrors.Invalid("options", ex.Message);
        }

        return options;
    }

    private static MissingValuePolicy MissingValuesOf(MissingValues wire) => wire switch
    {
        MissingValues.HoldLast => MissingValuePolicy.HoldLast,
        MissingValues.Interpolate => MissingValuePolicy.Interpolate,
        MissingValues.Unspecified or MissingValues.Error => MissingValuePolicy.Error,
        _ => throw WireErrors.Invalid("options.missing_values", $"{(int)wire} is not a known policy."),
    };

    private static NormalizationKind NormalizationOf(Protos.V1.Normalization wire) => wire switch
    {
        Protos.V1.Normalization.Robust => NormalizationKind.Robust,
        Protos.V1.Normalization.Trajectory => NormalizationKind.Trajectory,
        Protos.V1.Normalization.Unspecified or Protos.V1.Normalization.Standard => NormalizationKind.Standard,
        _ => throw WireErrors.Invalid("options.normalization", $"{(int)wire} is not a known scaling."),
    };

    private static int Count(uint value, string field, int min, int max)
    {
        if (value < min || value > max)
        {
            throw WireErrors.Invalid($"options.{field}", $"{value}; expected {min} to {max}.");
        }

        return (int)value;
    }

    private static double Fraction(double value, string field)
    {
        if (!(value > 0 && value < 1))
        {
            throw WireErrors.Invalid($"options.{field}", $"{value}; expected a number strictly between 0 and 1.");
        }

        return value;
    }

    private static double Positive(double value, string field)
    {
        if (!(value > 0 && double.IsFinite(value)))
        {
            throw WireErrors.Invalid($"options.{field}", $"{value}; expected a finite number above 0.");
        }

        return value;
    }

    private static int KernelSize(uint value)
    {
        if (value % 2 == 0 || value > 63)
        {
            throw WireErrors.Invalid("options.kernel_size", $"{value}; expected an odd size from 1 to 63.");
        }

        return (int)value;
    }

    private static int[] Widths(IList<uint> widths)
    {
        if (widths.Count > 8)
        {
            throw WireErrors.Invalid("options.widths", $"{widths.Count} layers; at most 8.");
        }

        var result = new int[widths.Count];
        for (int i = 0; i < widths.Count; i++)
        {
            result[i] = Count(widths[i], $"widths[{i}]", 1, 4096);
        }

        return result;
    }
}
