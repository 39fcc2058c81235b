using System.Runtime.CompilerServices;
using FermentEngine.Protos.V1;
using Grpc.Core;

namespace FermentEngine.Client;

/// <summary>The streaming calls: Train and StreamScore.</summary>
public sealed partial class FermentClient
{
    /// <summary>Trains a model on good runs, yielding progress as the server reports it. The last message has
    /// <see cref="TrainProgress.Done"/> set and carries the stored model and the runs left out.</summary>
    /// <param name="runs">Good runs, all with the same channels in the same order.</param>
    /// <param name="options">Training settings; null keeps the server's defaults.</param>
    /// <param name="modelId">Id to store the model under; null lets the server choose one. An existing id gets a
    /// new version.</param>
    /// <param name="metadata">Stored beside the model; null for none.</param>
    /// <param name="cancellationToken">Cancels the call, which stops training on the server.</param>
    public async IAsyncEnumerable<TrainProgress> TrainAsync(
        IReadOnlyList<RunPayload> runs,
        TrainOptions? options = null,
        string? modelId = null,
        IReadOnlyDictionary<string, string>? metadata = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var request = new TrainRequest { ModelId = modelId ?? "", Options = options ?? new TrainOptions() };
        request.Runs.Add(runs.Select(PayloadEncoder.ToWire));
        foreach (var (key, value) in metadata ?? new Dictionary<string, string>())
        {
            request.Metadata[key] = value;
        }

        using var call = _client.Train(request, Options(_options.TrainTimeout, cancellationToken));
        await foreach (var progress in call.ResponseStream.ReadAllAsync(cancellationToken))
        {
            yield return progress;
        }
    }

    /// <summary>Trains a model, reporting progress to <paramref name="progress"/>, and returns the final
    /// message (the stored model and the runs left out).</summary>
    /// <exception cref="RpcException">The server refused or failed the job.</exception>
    public async Task<TrainProgress> TrainToEndAsync(
        IReadOnlyList<RunPayload> runs,
        TrainOptions? options = null,
        string? modelId = null,
        IProgress<TrainProgress>? progress = null,
        IReadOnlyDictionary<string, string>? metadata = null,
        CancellationToken cancellationToken = default)
    {
        TrainProgress? last = null;
        await foreach (var update in TrainAsync(runs, options, modelId, metadata, cancellationToken))
        {
            progress?.Report(update);
            last = update;
        }

        return last is { Done: true }
            ? last
            : throw new RpcException(new Status(StatusCode.Internal, "The training stream ended without a result."));
    }

    /// <summary>Scores a running batch live: sends each block of samples as it comes from
    /// <paramref name="blocks"/> and yields the server's verdicts (one per sample, or one per block when
    /// <paramref name="perBlock"/>), with running score, z, p, alarm state and contributing channels.</summary>
    /// <param name="modelId">The model id.</param>
    /// <param name="runName">The batch's name.</param>
    /// <param name="channels">Channel order of every block; exactly the model's channels, in any order.</param>
    /// <param name="blocks">Sample blocks in time order.</param>
    /// <param name="version">The model version; 0 for the latest.</param>
    /// <param name="perBlock">One verdict per block instead of one per sample.</param>
    /// <param name="cancellationToken">Cancels the stream.</param>
    public async IAsyncEnumerable<LiveVerdict> StreamScoreAsync(
        string modelId,
        string runName,
        IReadOnlyList<string> channels,
        IAsyncEnumerable<SampleBlock> blocks,
        uint version = 0,
        bool perBlock = false,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelId);
        ArgumentException.ThrowIfNullOrEmpty(runName);
        ArgumentNullException.ThrowIfNull(channels);
        ArgumentNullException.ThrowIfNull(blocks);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var call = _client.StreamScore(Options(_options.StreamTimeout, linked.Token));
        var start = new StreamStart
        {
            ModelId = modelId,
            Version = version,
            RunName = runName,
            Mode = perBlock ? VerdictMode.PerBlock : VerdictMode.PerSample,
        };
        start.Channels.Add(channels);
        var sending = SendAsync(call.RequestStream, start, channels.Count, blocks, linked);

        await foreach (var reply in call.ResponseStream.ReadAllAsync(linked.Token))
        {
            yield return reply.Verdict;
        }

        // Surfaces a failure of the block source, which ended the call early.
        await sending;
    }

    private static async Task SendAsync(IClientStreamWriter<StreamScoreRequest> writer, StreamStart start,
        int channelCount, IAsyncEnumerable<SampleBlock> blocks, CancellationTokenSource call)
    {
        try
        {
            await writer.WriteAsync(new StreamScoreRequest { Start = start }, call.Token);
            await foreach (var block in blocks.WithCancellation(call.Token))
            {
                if (block.Values.Length != block.TimeHours.Length * channelCount)
                {
                    throw new ArgumentException(
                        $"A block of {block.TimeHours.Length} samples has {block.Values.Length} values; expected "
                        + $"{block.TimeHours.Length * channelCount} ({channelCount} channels each).");
                }

                var tensor = PayloadEncoder.ToTensor(null, block.TimeHours, block.Values);
                await writer.WriteAsync(new StreamScoreRequest { Samples = tensor }, call.Token);
            }

            await writer.CompleteAsync();
        }
        catch (Exception ex) when (ex is not RpcException && !call.IsCancellationRequested)
        {
            // The block source failed: end the call so that the reader stops too, and rethrow to the caller.
            await call.CancelAsync();
            throw;
        }
    }
}
