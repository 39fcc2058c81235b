using System.Runtime.CompilerServices;
using FermentEngine.Client;
using FermentEngine.Engine.Preprocessing;
using FermentEngine.Engine.Runs;
using FermentEngine.Engine.Scoring;
using FermentEngine.Engine.Training;
using FermentEngine.Protos.V1;
using ChannelDrift = FermentEngine.Engine.Scoring.ChannelDrift;
using EngineRunStatus = FermentEngine.Engine.Scoring.RunStatus;
using WireChannelDrift = FermentEngine.Protos.V1.ChannelDrift;
using WireRunStatus = FermentEngine.Protos.V1.RunStatus;

namespace FermentEngine.Cli.Remote;

/// <summary>Between the engine's types, which the CLI prints, and the SDK's, which travel.</summary>
internal static class WireConversion
{
    /// <summary>A run as an SDK payload over the same buffers, sparse channels marked.</summary>
    public static RunPayload ToPayload(Run run) =>
        new(run.Name, run.Channels.Select(c => c.Name).ToList(), run.TimeHours, run.Values, run.Labels,
            run.Channels.Where(c => c.Kind == Engine.Runs.ChannelKind.Sparse).Select(c => c.Name).ToList());

    /// <summary>The columns of <paramref name="channels"/> only (a model's), in that order, as a payload; a
    /// channel the run lacks is left out for the server to report. The selected values are copied.</summary>
    public static RunPayload ToPayload(Run run, IReadOnlyList<string> channels)
    {
        int[] columns = channels.Select(run.IndexOfChannel).Where(c => c >= 0).ToArray();
        if (columns.Length == run.ChannelCount && columns.Select((c, i) => c == i).All(same => same))
        {
            return ToPayload(run);
        }

        var values = new float[run.StepCount * columns.Length];
        for (int s = 0; s < run.StepCount; s++)
        {
            ReadOnlySpan<float> row = run.Row(s);
            for (int m = 0; m < columns.Length; m++)
            {
                values[(s * columns.Length) + m] = row[columns[m]];
            }
        }

        return new RunPayload(run.Name, columns.Select(c => run.Channels[c].Name).ToList(), run.TimeHours, values,
            run.Labels);
    }

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
            score.Warnings.ToList())
        {
            Drift = ToDrift(score.Drift),
        };
    }

    /// <summary>A wire drift test as the engine's; null when the message is unset.</summary>
    public static ChannelDrift? ToDrift(WireChannelDrift? drift) => drift is null
        ? null
        : new ChannelDrift(drift.Channel, drift.Offset, drift.Z, drift.P,
            drift.HasOnsetHours ? drift.OnsetHours : null);

    /// <summary>The engine's training options as wire options (every field set, so the server uses exactly
    /// these). Validate the options first (<see cref="TrainingOptions.Validate"/>): the counts are unsigned on the
    /// wire.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative.</exception>
    public static TrainOptions ToWire(TrainingOptions options)
    {
        var wire = new TrainOptions
        {
            MaxEpochs = Count(options.MaxEpochs),
            Folds = Count(options.Folds),
            Seed = options.Seed,
            Significance = options.Significance,
            AlarmPersistence = Count(options.AlarmPersistence),
            BatchSize = Count(options.BatchSize),
            Patience = Count(options.Patience),
            LearningRate = options.LearningRate,
            KernelSize = Count(options.KernelSize),
            AlarmQuantile = options.AlarmQuantile,
            ExcludeLengthOutliers = options.ExcludeLengthOutliers,
            MissingValues = options.MissingValues switch
            {
                MissingValuePolicy.HoldLast => MissingValues.HoldLast,
                MissingValuePolicy.Interpolate => MissingValues.Interpolate,
                _ => MissingValues.Error,
            },
            Normalization = options.Normalization switch
            {
                NormalizationKind.Robust => Normalization.Robust,
                NormalizationKind.Trajectory => Normalization.Trajectory,
                _ => Normalization.Standard,
            },
        };
        if (options.WindowLength is int window)
        {
            wire.WindowLength = Count(window, "options.WindowLength");
        }

        wire.SmoothingSteps = Count(options.SmoothingSteps);
        if (options.DriftSteps is int drift)
        {
            wire.DriftSteps = Count(drift, "options.DriftSteps");
        }

        wire.Widths.Add(options.Widths.Select(w => Count(w, "options.Widths")));
        if (options.Channels is { } channels)
        {
            wire.Channels.Add(channels);
        }

        return wire;
    }

    // A negative count cast to uint would reach the server as about 4.29e9; refuse it here instead.
    private static uint Count(int value, [CallerArgumentExpression(nameof(value))] string? name = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value, name);
        return (uint)value;
    }
}
