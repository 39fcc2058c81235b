using FermentEngine.Engine.Runs;

namespace FermentEngine.Engine.Tests;

/// <summary>Smooth multichannel runs that look alike, with optional faults, from a fixed seed.</summary>
internal static class SyntheticRuns
{
    public static readonly ChannelInfo[] Channels = [new("temp"), new("ph"), new("do"), new("feed")];

    /// <summary>Good runs of the given lengths; each has its own small random phase and amplitude.</summary>
    public static RunSet Good(int seed, params int[] lengths)
    {
        var random = new Random(seed);
        return new RunSet(lengths.Select((length, i) => Make($"g{i + 1}", length, random)).ToList());
    }

    /// <summary>One run; <paramref name="fault"/> may change values in place after generation.</summary>
    public static Run Make(string name, int length, Random random, Action<float[]>? fault = null)
    {
        double phase = random.NextDouble() * 0.3;
        double amplitude = 1 + 0.1 * random.NextDouble();
        var values = new float[length * Channels.Length];
        var time = new double[length];
        for (int t = 0; t < length; t++)
        {
            time[t] = 0.2 * (t + 1);
            double x = time[t] / 10.0 + phase;
            values[t * 4 + 0] = (float)(298 + amplitude * Math.Sin(x) + 0.02 * Noise(random));
            values[t * 4 + 1] = (float)(6.5 + 0.1 * Math.Cos(1.3 * x) + 0.005 * Noise(random));
            values[t * 4 + 2] = (float)(14 + 2 * amplitude * Math.Sin(0.7 * x + 1) + 0.05 * Noise(random));
            values[t * 4 + 3] = (float)(8 + 0.5 * Math.Tanh(x - 2) + 0.01 * Noise(random));
        }

        fault?.Invoke(values);
        return new Run(name, Channels, time, values, new Dictionary<string, string> { ["fault"] = "0" });
    }

    /// <summary>Lowers channel <paramref name="channel"/> by <paramref name="delta"/> on steps [start, end).</summary>
    public static Action<float[]> Step(int channel, int start, int end, float delta) => values =>
    {
        for (int t = start; t < end; t++)
        {
            values[t * Channels.Length + channel] += delta;
        }
    };

    /// <summary>Adds a ramp to channel <paramref name="channel"/>: 0 at the first step, <paramref name="total"/> at
    /// the last, as a slowly drifting sensor would.</summary>
    public static Action<float[]> Ramp(int channel, float total) => values =>
    {
        int steps = values.Length / Channels.Length;
        for (int t = 0; t < steps; t++)
        {
            values[t * Channels.Length + channel] += total * t / (steps - 1);
        }
    };

    private static double Noise(Random random) => random.NextDouble() * 2 - 1;
}
