using FermentEngine.Engine;
using FermentEngine.Protos.V1;
using FermentEngine.Server.Diagnostics;
using FermentEngine.Server.Wire;
using Grpc.Core;

namespace FermentEngine.Server.Services;

/// <summary>Score: finished runs, one verdict each.</summary>
internal sealed partial class FermentGrpcService
{
    public override async Task<ScoreReply> Score(ScoreRequest request, ServerCallContext context)
    {
        var record = Resolve(request.ModelId, request.Version, context);
        CallFacts.SetRuns(context, request.Runs.Count);
        using var lease = await cache.AcquireAsync(record, context.CancellationToken);
        var checks = new RunChecks(lease.Model.Channels, record.DisplayName, CompleteChannels: null,
            SameChannels: false);
        var runs = _decoder.Decode(request.Runs, "runs", checks);
        IReadOnlyList<Engine.Scoring.RunVerdict> verdicts;
        try
        {
            var mode = new Batching.ScoreMode(request.IncludeStepErrors, request.AsPartial);
            verdicts = await batcher.ScoreAsync(lease.Model, runs, mode, context.Deadline, context.CancellationToken);
        }
        catch (FermentDataException ex)
        {
            throw WireErrors.Invalid("runs", ex.Message);
        }

        var reply = new ScoreReply { ModelId = record.Id, Version = (uint)record.Version };
        reply.Runs.Add(verdicts.Select(ReplyMapper.ToWire));
        return reply;
    }
}
