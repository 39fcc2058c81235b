using FermentEngine.Client;
using FermentEngine.Engine.Preprocessing;
using FermentEngine.Engine.Runs;
using FermentEngine.Engine.Scoring;
using FermentEngine.Engine.Training;
using FermentEngine.Protos.V1;
using EngineRunStatus = FermentEngine.Engine.Scoring.RunStatus;
using WireRunStatus = FermentEngine.Protos.V1.RunStatus;

namespace FermentEngine.Cli.Remote;

/// <summary>Between the engine's types, which the CLI prints, and the SDK's, which travel.</summary>
internal static class WireConversion
{
    /// <summary>A run as an SDK payload over the same buffers.</summary>
    public static RunPayload ToPayload(Run run) =>
        new(run.Name, run.Channels.Select(c => c.Name).ToList(), run.TimeHours, run.Values, run.Labels);

    /// <summary>A wire result as the engine's verdict, so that the local table printer can show it.</summary>
    public static RunVerdict ToVerdict(RunScore score)
    {
        bool scored = score.Status == WireRunStatus.Scored;
        float[]? stepErrors = score.StepErrors.IsEmpty ? null : FermentClient.StepErrors(score).ToArray();
        return new RunVerdict(
            score.Name,
            scored ? EngineRunStatus.Scored : EngineRunStatus.Error,
            score.Error.Length > 0 ? score.Error : null,
            score.Score,
            score.Z,
            score.P,
            score.Flagged,
            score.HasFirstAlarmHours ? score.FirstAlarmHours : null,
            score.TopChannels.Select(c => new ChannelContribution(c.Channel, c.Share)).ToList(),
            (int)score.PopulationSize,
            stepErrors,
            score.Warnings.ToList());
    }

    /// <summary>The engine's training options as wire options (every field set, so the server uses exactly
    /// these).</summary>
    public static TrainOptions ToWire(TrainingOptions options)
    {
        var wire = new TrainOptions
        {
            MaxEpochs = (uint)options.MaxEpochs,
            Folds = (uint)options.Folds,
            Seed = options.Seed,
            Significance = options.Significance,
            AlarmPersistence = (uint)options.AlarmPersistence,
            BatchSize = (uint)options.BatchSize,
            Patience = (uint)options.Patience,
            LearningRate = options.LearningRate,
            KernelSize = (uint)options.KernelSize,
            AlarmQuantile = options.AlarmQuantile,
            ExcludeLengthOutliers = options.ExcludeLengthOutliers,
            MissingValues = options.MissingValues switch
            {
                MissingValuePolicy.HoldLast => MissingValues.HoldLast,
                MissingValuePolicy.Interpolate => MissingValues.Interpolate,
                _ => MissingValues.Error,
            },
            Normalization = options.Normalization == NormalizationKind.Robust
                ? Normalization.Robust
                : Normalization.Standard,
        };
        if (options.WindowLength is int window)
        {
            wire.WindowLength = (uint)window;
        }

        wire.SmoothingSteps = (uint)options.SmoothingSteps;
        wire.Widths.Add(options.Widths.Select(w => (uint)w));
        if (options.Channels is { } channels)
        {
            wire.Channels.Add(channels);
        }

        return wire;
    }
}
