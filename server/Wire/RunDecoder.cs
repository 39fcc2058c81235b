using FermentEngine.Engine.Runs;
using FermentEngine.Protos;
using FermentEngine.Protos.V1;
using Grpc.Core;

namespace FermentEngine.Server.Wire;

/// <summary>
/// Checks the runs of a request and builds engine <see cref="Run"/>s over the request's own bytes: values
/// are viewed as float32 in place, never parsed or copied. Every refusal names the field path.
/// </summary>
internal sealed class RunDecoder(FermentServerOptions options)
{
    /// <summary>Checks and converts <paramref name="runs"/>, the request field <paramref name="field"/>.</summary>
    public IReadOnlyList<Run> Decode(IList<RunData> runs, string field, RunChecks checks)
    {
        if (runs.Count == 0)
        {
            throw WireErrors.Invalid(field, "empty; send at least one run.");
        }

        if (runs.Count > options.MaxRunsPerRequest)
        {
            throw WireErrors.Exhausted(field,
                $"{runs.Count} runs; at most {options.MaxRunsPerRequest} are accepted per request.");
        }

        var result = new Run[runs.Count];
        var names = new Dictionary<string, int>(runs.Count, StringComparer.Ordinal);
        IReadOnlyList<ChannelInfo>? previous = null;
        for (int i = 0; i < runs.Count; i++)
        {
            string path = $"{field}[{i}]";
            RunData data = runs[i];
            if (string.IsNullOrEmpty(data.Name))
            {
                throw WireErrors.Invalid($"{path}.name", "empty; every run needs a name.");
            }

            if (!names.TryAdd(data.Name, i))
            {
                throw WireErrors.Invalid($"{path}.name", $"'{data.Name}' repeats {field}[{names[data.Name]}].name.");
            }

            if (data.Data is null)
            {
                throw WireErrors.Invalid($"{path}.data", "missing; every run needs its tensor.");
            }

            var channels = ChannelsOf(data.Data, $"{path}.data", previous);
            if (checks.SameChannels && previous is not null && !ReferenceEquals(channels, previous))
            {
                throw WireErrors.Invalid($"{path}.data.channels",
                    $"[{Join(channels.Select(c => c.Name))}] differ from {field}[0].data.channels "
                    + $"[{Join(previous.Select(c => c.Name))}]; every run must have the same channels in the "
                    + "same order.");
            }

            previous = channels;
            result[i] = DecodeTensor(data, path, channels, checks);
        }

        return result;
    }

    /// <summary>Checks one tensor's shape and values and builds the run over its bytes.</summary>
    public Run DecodeTensor(RunData data, string path, IReadOnlyList<ChannelInfo> channels, RunChecks checks)
    {
        Tensor tensor = data.Data;
        string tensorPath = $"{path}.data";
        CheckShape(tensor, channels.Count, tensorPath, options.MaxStepsPerRun);
        if (checks.ModelChannels is { } modelChannels)
        {
            CheckAgainstModel(channels.Select(c => c.Name).ToList(), modelChannels, checks.ModelName,
                $"{tensorPath}.channels");
        }

        // The time axis is one double per step, small beside the values; it is the only part copied.
        var timeHours = new double[tensor.TimeHours.Count];
        tensor.TimeHours.CopyTo(timeHours, 0);
        CheckTimes(timeHours, $"{tensorPath}.time_hours", double.NegativeInfinity);
        ReadOnlyMemory<float> values = WireFloats.AsFloats(tensor.Values);
        CheckValues(values.Span, channels.Select(c => c.Name).ToList(), $"{tensorPath}.values",
            checks.CompleteChannels);
        var labels = data.Labels.Count == 0 ? null : new Dictionary<string, string>(data.Labels);
        return new Run(data.Name, channels, timeHours, values, labels);
    }

    /// <summary>Refuses a tensor whose step count, time axis and byte length disagree.</summary>
    public static void CheckShape(Tensor tensor, int channelCount, string path, int maxSteps)
    {
        if (tensor.Steps == 0)
        {
            throw WireErrors.Invalid($"{path}.steps", "0; a run needs at least one step.");
        }

        if (tensor.Steps > (uint)maxSteps)
        {
            throw WireErrors.Exhausted($"{path}.steps", $"{tensor.Steps} steps; at most {maxSteps} are accepted.");
        }

        if (tensor.TimeHours.Count != tensor.Steps)
        {
            throw WireErrors.Invalid($"{path}.time_hours",
                $"got {tensor.TimeHours.Count} values, expected {tensor.Steps} (one per step).");
        }

        long expected = (long)tensor.Steps * channelCount * sizeof(float);
        if (tensor.Values.Length != expected)
        {
            throw WireErrors.Invalid($"{path}.values",
                $"got {tensor.Values.Length} bytes, expected {expected} ({tensor.Steps} steps x "
                + $"{channelCount} channels of float32).");
        }
    }

    /// <summary>Refuses channels the model does not read and channels it needs that are absent.</summary>
    public static void CheckAgainstModel(
        IReadOnlyList<string> channels, IReadOnlyList<string> modelChannels, string modelName, string path)
    {
        var missing = modelChannels.Except(channels, StringComparer.Ordinal).ToList();
        var extra = channels.Except(modelChannels, StringComparer.Ordinal).ToList();
        if (missing.Count == 0 && extra.Count == 0)
        {
            return;
        }

        string problem = missing.Count > 0 ? $"missing {Quote(missing)}" : "";
        if (extra.Count > 0)
        {
            problem += (problem.Length > 0 ? "; " : "") + $"not in the model: {Quote(extra)}";
        }

        throw WireErrors.Invalid(path, $"{problem} (model {modelName} reads {Quote(modelChannels)}).");
    }

    /// <summary>Refuses non-finite and non-increasing times; <paramref name="after"/> is the time before the
    /// first one (a stream's last sample).</summary>
    public static void CheckTimes(ReadOnlySpan<double> times, string path, double after)
    {
        for (int s = 0; s < times.Length; s++)
        {
            double t = times[s];
            if (!double.IsFinite(t))
            {
                throw WireErrors.Invalid($"{path}[{s}]", $"{t}; times must be finite hours.");
            }

            if (t <= after)
            {
                throw WireErrors.Invalid($"{path}[{s}]", $"{t} h does not come after {after} h; times must increase.");
            }

            after = t;
        }
    }

    /// <summary>Refuses infinities anywhere, and NaN in <paramref name="completeChannels"/>; names step and
    /// channel.</summary>
    public static void CheckValues(ReadOnlySpan<float> values, IReadOnlyList<string> channels, string path,
        IReadOnlyList<string>? completeChannels = null)
    {
        int bad = NonFinite.IndexOfDisallowed(values, allowNaN: true);
        if (bad >= 0)
        {
            throw BadValue(values, channels, path, bad, "values must be finite or NaN (missing)");
        }

        foreach (string name in completeChannels ?? [])
        {
            int column = IndexOf(channels, name);
            for (int i = column; column >= 0 && i < values.Length; i += channels.Count)
            {
                if (float.IsNaN(values[i]))
                {
                    throw BadValue(values, channels, path, i,
                        "a modelled channel may not miss values while options.missing_values is ERROR");
                }
            }
        }
    }

    private static RpcException BadValue(
        ReadOnlySpan<float> values, IReadOnlyList<string> channels, string path, int index, string rule)
    {
        int step = index / channels.Count;
        int channel = index % channels.Count;
        return WireErrors.Invalid(path,
            $"step {step}, channel '{channels[channel]}' (index {channel}): {values[index]}; {rule}.");
    }

    private static int IndexOf(IReadOnlyList<string> channels, string name)
    {
        for (int c = 0; c < channels.Count; c++)
        {
            if (channels[c] == name)
            {
                return c;
            }
        }

        return -1;
    }

    private static IReadOnlyList<ChannelInfo> ChannelsOf(
        Tensor tensor, string path, IReadOnlyList<ChannelInfo>? previous)
    {
        var names = tensor.Channels;
        if (names.Count == 0)
        {
            throw WireErrors.Invalid($"{path}.channels", "empty; a run needs at least one channel.");
        }

        var kinds = tensor.ChannelKinds;
        if (kinds.Count != 0 && kinds.Count != names.Count)
        {
            throw WireErrors.Invalid($"{path}.channel_kinds",
                $"got {kinds.Count} kinds for {names.Count} channels; send one per channel, or none.");
        }

        if (previous is not null && SameAs(previous, names, kinds))
        {
            return previous;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var channels = new ChannelInfo[names.Count];
        for (int c = 0; c < names.Count; c++)
        {
            if (string.IsNullOrEmpty(names[c]) || !seen.Add(names[c]))
            {
                string problem = names[c].Length == 0 ? "empty name" : $"'{names[c]}' appears twice";
                throw WireErrors.Invalid($"{path}.channels[{c}]", $"{problem}; channel names must be unique.");
            }

            channels[c] = new ChannelInfo(names[c], Kind: KindOf(kinds, c));
        }

        return channels;
    }

    private static bool SameAs(
        IReadOnlyList<ChannelInfo> previous, IList<string> names, IList<Protos.V1.ChannelKind> kinds)
    {
        if (previous.Count != names.Count)
        {
            return false;
        }

        for (int c = 0; c < names.Count; c++)
        {
            if (previous[c].Name != names[c] || previous[c].Kind != KindOf(kinds, c))
            {
                return false;
            }
        }

        return true;
    }

    private static Engine.Runs.ChannelKind KindOf(IList<Protos.V1.ChannelKind> kinds, int channel) =>
        kinds.Count > 0 && kinds[channel] == Protos.V1.ChannelKind.Sparse
            ? Engine.Runs.ChannelKind.Sparse
            : Engine.Runs.ChannelKind.Continuous;

    private static string Quote(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));

    private static string Join(IEnumerable<string> names) => string.Join(", ", names);
}
