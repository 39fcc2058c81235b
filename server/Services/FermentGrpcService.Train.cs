using System.Diagnostics;
using System.Threading.Channels;
using FermentEngine.Engine;
using FermentEngine.Engine.Runs;
using FermentEngine.Engine.Training;
using FermentEngine.Protos.V1;
using FermentEngine.Server.Diagnostics;
using FermentEngine.Server.EngineAccess;
using FermentEngine.Server.Registry;
using FermentEngine.Server.Wire;
using Grpc.Core;

namespace FermentEngine.Server.Services;

/// <summary>Train: runs in, progress out, a registered model at the end.</summary>
internal sealed partial class FermentGrpcService
{
    public override async Task Train(
        TrainRequest request, IServerStreamWriter<TrainProgress> responseStream, ServerCallContext context)
    {
        string modelId = ModelIds.ValidateOrGenerate(request.ModelId, "model_id");
        CallFacts.SetModel(context, $"'{modelId}'");
        CallFacts.SetRuns(context, request.Runs.Count);
        TrainingOptions trainingOptions = TrainOptionsMapper.ToEngine(request.Options);
        // Which channels are modelled by default (continuous ones) is the engine's call; only channels named
        // in the options are known here to need every value.
        bool refuseMissing = trainingOptions.MissingValues == Engine.Preprocessing.MissingValuePolicy.Error;
        var checks = new RunChecks(null, $"'{modelId}'", refuseMissing ? trainingOptions.Channels : null,
            SameChannels: true);
        var runs = new RunSet(_decoder.Decode(request.Runs, "runs", checks));
        using var slot = trainingSlots.Take();

        long start = Stopwatch.GetTimestamp();
        var (model, report) =
            await TrainStreamingAsync(runs, trainingOptions, responseStream, context.CancellationToken);
        var metadata = new Dictionary<string, string>(request.Metadata);
        ModelRecord record = await registry.AddAsync(modelId, model, metadata, context.CancellationToken);
        cache.Add(record, model);
        CallFacts.SetModel(context, record.DisplayName);
        TrainingLog.Trained(logger, record.Id, record.Version, report.TrainingRuns.Count, report.Excluded.Count);
        await responseStream.WriteAsync(ReplyMapper.ToFinal(record, report, Stopwatch.GetElapsedTime(start)));
    }

    /// <summary>Trains on a worker thread and forwards its progress; returns once the engine has stopped, also
    /// when the caller cancels (the token stops the engine).</summary>
    private async Task<(IScoringModel Model, TrainingReport Report)> TrainStreamingAsync(
        RunSet runs, TrainingOptions trainingOptions, IServerStreamWriter<TrainProgress> responseStream,
        CancellationToken ct)
    {
        // Progress is informational: a slow reader loses old reports rather than slowing training.
        var reports = Channel.CreateBounded<TrainingProgress>(
            new BoundedChannelOptions(32) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        // Training holds a thread for minutes: a dedicated one, so that the pool stays free for calls.
        var job = Task.Factory.StartNew(() =>
        {
            try
            {
                return engine.Train(runs, trainingOptions, new ChannelProgress(reports.Writer), ct);
            }
            finally
            {
                reports.Writer.TryComplete();
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        try
        {
            await foreach (var report in reports.Reader.ReadAllAsync(ct))
            {
                await responseStream.WriteAsync(ReplyMapper.ToWire(report), ct);
            }

            return await job;
        }
        catch (FermentDataException ex)
        {
            throw WireErrors.Invalid("runs", ex.Message);
        }
        catch (ArgumentException ex) when (!ct.IsCancellationRequested)
        {
            throw WireErrors.Invalid("options", ex.Message);
        }
        finally
        {
            // The slot is given back only once the engine has really stopped.
            await ((Task)job).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private sealed class ChannelProgress(ChannelWriter<TrainingProgress> writer) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => writer.TryWrite(value);
    }
}
