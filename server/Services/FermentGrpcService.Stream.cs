using FermentEngine.Protos;
using FermentEngine.Protos.V1;
using FermentEngine.Server.Diagnostics;
using FermentEngine.Server.EngineAccess;
using FermentEngine.Server.Wire;
using Grpc.Core;

namespace FermentEngine.Server.Services;

/// <summary>StreamScore: one running batch, sample by sample, with state bounded by the engine's live scorer
/// and one sample row here.</summary>
internal sealed partial class FermentGrpcService
{
    public override async Task StreamScore(IAsyncStreamReader<StreamScoreRequest> requestStream,
        IServerStreamWriter<StreamScoreReply> responseStream, ServerCallContext context)
    {
        CancellationToken ct = context.CancellationToken;
        if (!await requestStream.MoveNext(ct))
        {
            throw WireErrors.Invalid("start", "missing; the first message must name the model, run and channels.");
        }

        if (requestStream.Current.KindCase != StreamScoreRequest.KindOneofCase.Start)
        {
            throw WireErrors.Invalid("start", "missing; the first message must be a start, not samples.");
        }

        StreamStart start = requestStream.Current.Start;
        var record = Resolve(start.ModelId, start.Version, context, "start.model_id");
        if (string.IsNullOrEmpty(start.RunName))
        {
            throw WireErrors.Invalid("start.run_name", "empty; name the run.");
        }

        CallFacts.SetRuns(context, 1);
        using var lease = await cache.AcquireAsync(record, ct);
        var columns = ColumnsOfModel(start, lease.Model.Channels, record.DisplayName);
        var stream = new LiveStream(lease.Model.StartLive(start.RunName), columns, start,
            start.Mode == VerdictMode.PerBlock);
        int block = 0;
        while (await requestStream.MoveNext(ct))
        {
            var message = requestStream.Current;
            if (message.KindCase != StreamScoreRequest.KindOneofCase.Samples)
            {
                throw WireErrors.Invalid($"samples[{block}]", "expected a block of samples; start comes only once.");
            }

            foreach (var verdict in stream.Push(message.Samples, $"samples[{block}]", options.Value.MaxBlockSteps))
            {
                await responseStream.WriteAsync(new StreamScoreReply { Verdict = verdict }, ct);
            }

            block++;
        }

        // The caller closed the stream: the batch has ended, so the steps inside the look-ahead are judged too.
        if (stream.Complete() is { } last)
        {
            await responseStream.WriteAsync(new StreamScoreReply { Verdict = last }, ct);
        }

        TrainingLog.StreamEnded(logger, start.RunName, record.DisplayName, stream.Steps, stream.FirstAlarmHours);
    }

    /// <summary>For each model channel, its column in the stream's samples.</summary>
    private static int[] ColumnsOfModel(StreamStart start, IReadOnlyList<string> modelChannels, string modelName)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int c = 0; c < start.Channels.Count; c++)
        {
            if (!seen.Add(start.Channels[c]))
            {
                throw WireErrors.Invalid($"start.channels[{c}]", $"'{start.Channels[c]}' appears twice.");
            }
        }

        RunDecoder.CheckAgainstModel(start.Channels, modelChannels, modelName, "start.channels");
        var columns = new int[modelChannels.Count];
        for (int m = 0; m < columns.Length; m++)
        {
            columns[m] = start.Channels.IndexOf(modelChannels[m]);
        }

        return columns;
    }

    /// <summary>The state of one stream: the live scorer, the last time seen and one reordered sample.</summary>
    private sealed class LiveStream(ILiveSession session, int[] columns, StreamStart start, bool perBlock)
    {
        private readonly float[] _sample = new float[columns.Length];
        private double _lastTime = double.NegativeInfinity;

        public int Steps { get; private set; }

        public double? FirstAlarmHours { get; private set; }

        public List<Protos.V1.LiveVerdict> Push(Tensor block, string path, int maxSteps)
        {
            if (block.Channels.Count > 0 && !block.Channels.SequenceEqual(start.Channels, StringComparer.Ordinal))
            {
                throw WireErrors.Invalid($"{path}.channels", "differ from start.channels; leave empty or repeat them.");
            }

            RunDecoder.CheckShape(block, start.Channels.Count, path, maxSteps);
            var times = block.TimeHours.ToArray();
            RunDecoder.CheckTimes(times, $"{path}.time_hours", _lastTime);
            ReadOnlySpan<float> values = WireFloats.AsFloats(block.Values).Span;
            RunDecoder.CheckValues(values, start.Channels, $"{path}.values");

            var verdicts = new List<Protos.V1.LiveVerdict>(perBlock ? 1 : times.Length);
            int width = start.Channels.Count;
            for (int s = 0; s < times.Length; s++)
            {
                ReadOnlySpan<float> row = values.Slice(s * width, width);
                for (int m = 0; m < columns.Length; m++)
                {
                    _sample[m] = row[columns[m]];
                }

                Engine.Scoring.LiveVerdict verdict;
                try
                {
                    verdict = session.Push(times[s], _sample);
                }
                catch (Engine.FermentDataException ex)
                {
                    throw WireErrors.Invalid($"{path}.values", $"step {s}: {ex.Message}");
                }

                FirstAlarmHours ??= verdict.FirstAlarmHours;
                Steps++;
                if (!perBlock || s == times.Length - 1)
                {
                    verdicts.Add(ReplyMapper.ToWire(verdict, Steps));
                }
            }

            _lastTime = times[^1];
            return verdicts;
        }

        public Protos.V1.LiveVerdict? Complete()
        {
            var verdict = session.Complete();
            FirstAlarmHours ??= verdict?.FirstAlarmHours;
            return verdict is null ? null : ReplyMapper.ToWire(verdict, Steps, final: true);
        }
    }
}
