using FermentEngine.Protos;
using FermentEngine.Protos.V1;

namespace FermentEngine.Server.Tests;

/// <summary>Small wire runs for tests: steps at 0.2 h intervals, value = 1 + step + channel / 10.</summary>
internal static class WireRuns
{
    public static readonly string[] Channels = ["a", "b", "c"];

    public static RunData Create(string name, int steps = 4, IReadOnlyList<string>? channels = null)
    {
        channels ??= Channels;
        var values = new float[steps * channels.Count];
        for (int s = 0; s < steps; s++)
        {
            for (int c = 0; c < channels.Count; c++)
            {
                values[(s * channels.Count) + c] = 1 + s + (c / 10f);
            }
        }

        var tensor = new Tensor { Steps = (uint)steps, Values = WireFloats.Wrap(values) };
        tensor.Channels.Add(channels);
        tensor.TimeHours.Add(Enumerable.Range(0, steps).Select(s => s * 0.2));
        return new RunData { Name = name, Data = tensor };
    }

    /// <summary>A copy of <paramref name="run"/> whose value at (step, channel) is replaced.</summary>
    public static RunData WithValue(RunData run, int step, int channel, float value)
    {
        var values = WireFloats.AsFloats(run.Data.Values).ToArray();
        values[(step * run.Data.Channels.Count) + channel] = value;
        var copy = run.Clone();
        copy.Data.Values = WireFloats.Wrap(values);
        return copy;
    }
}
