using FermentEngine.Engine.Scoring;
using FermentEngine.Engine.Training;
using FermentEngine.Protos;
using FermentEngine.Protos.V1;
using FermentEngine.Server.Registry;
using Google.Protobuf.WellKnownTypes;
using WireChannelDrift = FermentEngine.Protos.V1.ChannelDrift;
using WireLiveVerdict = FermentEngine.Protos.V1.LiveVerdict;
using WireRunStatus = FermentEngine.Protos.V1.RunStatus;
using WireExcludedRun = FermentEngine.Protos.V1.ExcludedRun;

namespace FermentEngine.Server.Wire;

/// <summary>Turns engine results and registry records into reply messages.</summary>
internal static class ReplyMapper
{
    public static RunScore ToWire(RunVerdict verdict)
    {
        var score = new RunScore
        {
            Name = verdict.Run,
            Status = verdict.Status == Engine.Scoring.RunStatus.Scored ? WireRunStatus.Scored : WireRunStatus.Error,
            Error = verdict.Error ?? "",
            Score = verdict.Score,
            Z = verdict.Z,
            P = verdict.P,
            Flagged = verdict.Flagged,
            PopulationSize = (uint)Math.Max(0, verdict.PopulationSize),
        };
        if (verdict.FirstAlarmHours is double first)
        {
            score.FirstAlarmHours = first;
        }

        score.TopChannels.Add(verdict.TopChannels.Select(ToWire));
        score.Drift = verdict.Drift is { } drift ? ToWire(drift) : null;
        score.Warnings.Add(verdict.Warnings);
        if (verdict.StepErrors is { } errors)
        {
            // The reply shares the engine's buffer; it is not touched again once returned.
            score.StepErrors = WireFloats.Wrap(errors);
        }

        return score;
    }

    /// <summary>A live verdict; <paramref name="received"/> samples have arrived so far.</summary>
    public static WireLiveVerdict ToWire(Engine.Scoring.LiveVerdict verdict, int received, bool final = false)
    {
        var wire = new WireLiveVerdict
        {
            Step = (uint)Math.Max(0, verdict.Step),
            Judged = verdict.Step >= 0,
            Received = (uint)received,
            Final = final,
            TimeHours = verdict.TimeHours,
            RunningScore = verdict.RunningScore,
            Z = verdict.Z,
            P = verdict.P,
            Alarm = verdict.Alarm,
        };
        if (verdict.FirstAlarmHours is double first)
        {
            wire.FirstAlarmHours = first;
        }

        wire.TopChannels.Add(verdict.TopChannels.Select(ToWire));
        wire.Drift = verdict.Drift is { } drift ? ToWire(drift) : null;
        return wire;
    }

    public static TrainProgress ToWire(TrainingProgress progress) => new()
    {
        Stage = progress.Stage,
        Epoch = (uint)Math.Max(0, progress.Epoch),
        MaxEpochs = (uint)Math.Max(0, progress.MaxEpochs),
        TrainingLoss = progress.TrainingLoss,
        ValidationLoss = progress.ValidationLoss,
        Fraction = progress.Fraction,
        ElapsedSeconds = progress.Elapsed.TotalSeconds,
        RemainingSeconds = progress.Remaining.TotalSeconds,
    };

    public static TrainProgress ToFinal(ModelRecord record, TrainingReport report, TimeSpan elapsed)
    {
        var final = new TrainProgress
        {
            Stage = "done",
            Epoch = (uint)Math.Max(0, report.Epochs),
            MaxEpochs = (uint)Math.Max(0, report.Epochs),
            TrainingLoss = report.FinalTrainingLoss,
            ValidationLoss = report.FinalValidationLoss,
            Fraction = 1,
            ElapsedSeconds = elapsed.TotalSeconds,
            Done = true,
            Model = ToWire(record),
        };
        final.Excluded.Add(report.Excluded.Select(e => new WireExcludedRun { Run = e.Run, Reason = e.Reason }));
        final.ReferenceOutliers.Add(
            report.ReferenceOutliers.Select(e => new WireExcludedRun { Run = e.Run, Reason = e.Reason }));
        return final;
    }

    public static ModelDescription ToWire(ModelRecord record)
    {
        ModelInfo info = record.Info;
        var description = new ModelDescription
        {
            ModelId = record.Id,
            Version = (uint)record.Version,
            Created = Timestamp.FromDateTimeOffset(record.CreatedUtc),
            Fingerprint = info.Fingerprint,
            PopulationSize = (uint)Math.Max(0, info.PopulationSize),
            PopulationMean = info.PopulationMean,
            PopulationStdDev = info.PopulationStdDev,
            PopulationMedian = info.PopulationMedian,
            Significance = info.Significance,
            DriftSteps = (uint)Math.Max(0, info.DriftSteps),
            EngineVersion = info.EngineVersion,
            FormatVersion = (uint)Math.Max(0, info.FormatVersion),
            FileBytes = record.FileBytes,
        };
        description.Channels.Add(info.Channels);
        description.TrainingRuns.Add(info.TrainingRuns);
        foreach (var (key, value) in record.Metadata)
        {
            description.Metadata[key] = value;
        }
        return description;
    }

    private static ChannelShare ToWire(ChannelContribution contribution) =>
        new() { Channel = contribution.Channel, Share = contribution.Share };

    private static WireChannelDrift ToWire(Engine.Scoring.ChannelDrift drift)
    {
        var wire = new WireChannelDrift { Channel = drift.Channel, Offset = drift.Offset, Z = drift.Z, P = drift.P };
        if (drift.OnsetHours is double onset)
        {
            wire.OnsetHours = onset;
        }

        return wire;
    }
}
