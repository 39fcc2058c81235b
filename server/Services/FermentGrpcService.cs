using FermentEngine.Protos.V1;
using FermentEngine.Server.Batching;
using FermentEngine.Server.Diagnostics;
using FermentEngine.Server.EngineAccess;
using FermentEngine.Server.Registry;
using FermentEngine.Server.Wire;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FermentEngine.Server.Services;

/// <summary>
/// The gRPC face of the engine: checks each request, resolves models through the registry and cache, and
/// hands the work to the engine (Score through the batcher). No numerics live here.
/// </summary>
internal sealed partial class FermentGrpcService(
    IEngine engine,
    ModelRegistry registry,
    ModelCache cache,
    ScoreBatcher batcher,
    TrainingSlots trainingSlots,
    IOptions<FermentServerOptions> options,
    ILogger<FermentGrpcService> logger) : FermentService.FermentServiceBase
{
    private readonly RunDecoder _decoder = new(options.Value);

    /// <summary>Finds the registered version a request names; NOT_FOUND when there is none.</summary>
    private ModelRecord Resolve(string modelId, uint version, ServerCallContext context, string field = "model_id")
    {
        ModelIds.Validate(modelId, field);
        CallFacts.SetModel(context, version == 0 ? $"'{modelId}'" : $"'{modelId}' v{version}");
        if (version > int.MaxValue)
        {
            throw WireErrors.NotFound("version", $"{version}; model '{modelId}' has no such version.");
        }

        var record = registry.Find(modelId, (int)version);
        if (record is null)
        {
            throw version == 0
                ? WireErrors.NotFound(field, $"no model '{modelId}' is registered.")
                : WireErrors.NotFound("version", $"model '{modelId}' has no version {version} registered.");
        }

        CallFacts.SetModel(context, record.DisplayName);
        return record;
    }
}
