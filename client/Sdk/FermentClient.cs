using FermentEngine.Protos;
using FermentEngine.Protos.V1;
using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Net.Client.Configuration;

namespace FermentEngine.Client;

/// <summary>
/// Client of a FermentEngine server: trains models, scores finished and running batches, manages models.
/// </summary>
/// <remarks>
/// Thread-safe; one instance can serve many concurrent calls. Every call is asynchronous and honours its
/// cancellation token and the deadlines of <see cref="FermentClientOptions"/>. Failures surface as
/// <see cref="RpcException"/>: INVALID_ARGUMENT (the message starts with the field path), NOT_FOUND,
/// FAILED_PRECONDITION, RESOURCE_EXHAUSTED, DEADLINE_EXCEEDED, UNAVAILABLE. Score, ListModels and GetModel are
/// retried on UNAVAILABLE by the channel's service config when the client created the channel.
/// </remarks>
public sealed partial class FermentClient : IDisposable
{
    private readonly FermentService.FermentServiceClient _client;
    private readonly FermentClientOptions _options;
    private readonly GrpcChannel? _ownedChannel;

    /// <summary>Connects to a server, e.g. <c>http://127.0.0.1:5170</c>; the channel is created lazily.</summary>
    /// <exception cref="ArgumentException">The address is not an absolute http or https URL.</exception>
    public FermentClient(Uri address, FermentClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (!address.IsAbsoluteUri || (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"'{address}' is not an http:// or https:// address.", nameof(address));
        }

        _options = options ?? new FermentClientOptions();
        _ownedChannel = GrpcChannel.ForAddress(address, CreateChannelOptions(_options));
        _client = new FermentService.FermentServiceClient(_ownedChannel);
    }

    /// <summary>Uses an existing channel; the client does not dispose it.</summary>
    public FermentClient(GrpcChannel channel, FermentClientOptions? options = null)
        : this((channel ?? throw new ArgumentNullException(nameof(channel))).CreateCallInvoker(), options)
    {
    }

    /// <summary>Uses an existing call invoker (interceptors, in-memory tests); the client owns nothing.</summary>
    public FermentClient(CallInvoker invoker, FermentClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(invoker);
        _options = options ?? new FermentClientOptions();
        _client = new FermentService.FermentServiceClient(invoker);
    }

    /// <summary>Channel options with the client's retry policy and message limits, for callers that build
    /// their own channel.</summary>
    public static GrpcChannelOptions CreateChannelOptions(FermentClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var retried = new MethodConfig
        {
            Names =
            {
                new MethodName { Service = FermentService.Descriptor.FullName, Method = "Score" },
                new MethodName { Service = FermentService.Descriptor.FullName, Method = "ListModels" },
                new MethodName { Service = FermentService.Descriptor.FullName, Method = "GetModel" },
            },
        };
        if (options.MaxAttempts > 1)
        {
            retried.RetryPolicy = new RetryPolicy
            {
                MaxAttempts = options.MaxAttempts,
                InitialBackoff = TimeSpan.FromMilliseconds(200),
                MaxBackoff = TimeSpan.FromSeconds(2),
                BackoffMultiplier = 2,
                RetryableStatusCodes = { StatusCode.Unavailable },
            };
        }

        return new GrpcChannelOptions
        {
            ServiceConfig = new ServiceConfig { MethodConfigs = { retried } },
            MaxReceiveMessageSize = options.MaxMessageBytes,
            MaxSendMessageSize = options.MaxMessageBytes,
            HttpHandler = options.HttpHandler,
            DisposeHttpClient = true,
        };
    }

    /// <summary>Scores finished runs against a model; one result per run, in order. Each run is scored alone.
    /// </summary>
    /// <param name="modelId">The model id.</param>
    /// <param name="runs">The runs; names unique, channels exactly the model's (any order).</param>
    /// <param name="version">The model version; 0 (default) for the latest.</param>
    /// <param name="includeStepErrors">Also return each run's per-step error (see <see cref="StepErrors"/>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <param name="asPartial">The runs are batches still running: each is judged up to the model's look-ahead
    /// before its newest sample, against the reference runs over the same number of steps.</param>
    public async Task<ScoreReply> ScoreAsync(string modelId, IReadOnlyList<RunPayload> runs, uint version = 0,
        bool includeStepErrors = false, CancellationToken cancellationToken = default, bool asPartial = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelId);
        ArgumentNullException.ThrowIfNull(runs);
        var request = new ScoreRequest
        {
            ModelId = modelId, Version = version, IncludeStepErrors = includeStepErrors, AsPartial = asPartial,
        };
        request.Runs.Add(runs.Select(PayloadEncoder.ToWire));
        return await _client.ScoreAsync(request, Options(_options.ScoreTimeout, cancellationToken));
    }

    /// <summary>The stored models: the latest version of each id, or every version.</summary>
    /// <param name="modelId">Only this id; null for all.</param>
    /// <param name="allVersions">Every version rather than the latest of each id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<IReadOnlyList<ModelDescription>> ListModelsAsync(
        string? modelId = null, bool allVersions = false, CancellationToken cancellationToken = default)
    {
        var request = new ListModelsRequest { ModelId = modelId ?? "", AllVersions = allVersions };
        var reply = await _client.ListModelsAsync(request, Options(_options.CallTimeout, cancellationToken));
        return reply.Models;
    }

    /// <summary>Describes one model version (0 for the latest); NOT_FOUND when there is none.</summary>
    public async Task<ModelDescription> GetModelAsync(
        string modelId, uint version = 0, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelId);
        var request = new GetModelRequest { ModelId = modelId, Version = version };
        return await _client.GetModelAsync(request, Options(_options.CallTimeout, cancellationToken));
    }

    /// <summary>Deletes one version, or every version for 0; returns the number deleted. Calls already using
    /// the model complete. Not retried: a repeat after success answers NOT_FOUND.</summary>
    public async Task<int> DeleteModelAsync(
        string modelId, uint version = 0, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelId);
        var request = new DeleteModelRequest { ModelId = modelId, Version = version };
        var reply = await _client.DeleteModelAsync(request, Options(_options.CallTimeout, cancellationToken));
        return (int)reply.Deleted;
    }

    /// <summary>A run's per-step error from a reply asked with step errors; empty when it was not asked.
    /// The result views the reply's bytes.</summary>
    public static ReadOnlyMemory<float> StepErrors(RunScore score)
    {
        ArgumentNullException.ThrowIfNull(score);
        return WireFloats.AsFloats(score.StepErrors);
    }

    /// <inheritdoc />
    public void Dispose() => _ownedChannel?.Dispose();

    private static CallOptions Options(TimeSpan? timeout, CancellationToken cancellationToken) =>
        new(deadline: timeout is { } t && t != Timeout.InfiniteTimeSpan ? DateTime.UtcNow + t : null,
            cancellationToken: cancellationToken);
}
