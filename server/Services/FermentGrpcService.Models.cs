using FermentEngine.Protos.V1;
using FermentEngine.Server.Diagnostics;
using FermentEngine.Server.Registry;
using FermentEngine.Server.Wire;
using Grpc.Core;

namespace FermentEngine.Server.Services;

/// <summary>ListModels, GetModel, DeleteModel: the registry over the wire.</summary>
internal sealed partial class FermentGrpcService
{
    public override Task<ListModelsReply> ListModels(ListModelsRequest request, ServerCallContext context)
    {
        if (request.ModelId.Length > 0)
        {
            ModelIds.Validate(request.ModelId, "model_id");
            CallFacts.SetModel(context, $"'{request.ModelId}'");
        }

        var reply = new ListModelsReply();
        reply.Models.Add(registry.List(request.ModelId, request.AllVersions).Select(ReplyMapper.ToWire));
        return Task.FromResult(reply);
    }

    public override Task<ModelDescription> GetModel(GetModelRequest request, ServerCallContext context) =>
        Task.FromResult(ReplyMapper.ToWire(Resolve(request.ModelId, request.Version, context)));

    public override async Task<DeleteModelReply> DeleteModel(DeleteModelRequest request, ServerCallContext context)
    {
        var record = Resolve(request.ModelId, request.Version, context);
        if (request.Version == 0)
        {
            CallFacts.SetModel(context, $"'{record.Id}' (all versions)");
        }

        // Rows go first, so no new call finds the model; calls holding it finish with it.
        var deleted = await registry.DeleteAsync(record.Id, (int)request.Version, context.CancellationToken);
        foreach (var gone in deleted)
        {
            cache.Evict(gone.Id, gone.Version);
        }

        if (deleted.Count == 0)
        {
            throw WireErrors.NotFound("model_id", $"model {record.DisplayName} was deleted meanwhile.");
        }

        return new DeleteModelReply { Deleted = (uint)deleted.Count };
    }
}
