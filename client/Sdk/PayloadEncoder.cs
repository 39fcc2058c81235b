using FermentEngine.Protos;
using FermentEngine.Protos.V1;

namespace FermentEngine.Client;

/// <summary>Turns the SDK's runs and sample blocks into wire tensors.</summary>
internal static class PayloadEncoder
{
    public static RunData ToWire(RunPayload run)
    {
        var data = new RunData { Name = run.Name, Data = ToTensor(run.Channels, run.TimeHours, run.Values) };
        if (run.SparseChannels.Count > 0)
        {
            data.Data.ChannelKinds.Add(run.Channels.Select(c =>
                run.SparseChannels.Contains(c) ? ChannelKind.Sparse : ChannelKind.Continuous));
        }

        foreach (var (key, value) in run.Labels)
        {
            data.Labels[key] = value;
        }

        return data;
    }

    public static Tensor ToTensor(
        IReadOnlyList<string>? channels, ReadOnlyMemory<double> timeHours, ReadOnlyMemory<float> values)
    {
        var tensor = new Tensor { Steps = (uint)timeHours.Length, Values = WireFloats.Wrap(values) };
        if (channels is not null)
        {
            tensor.Channels.Add(channels);
        }

        tensor.TimeHours.Capacity = timeHours.Length;
        foreach (double t in timeHours.Span)
        {
            tensor.TimeHours.Add(t);
        }

        return tensor;
    }
}
