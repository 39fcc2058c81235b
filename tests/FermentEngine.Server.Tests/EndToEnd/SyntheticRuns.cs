using FermentEngine.Client;
using FermentEngine.Engine.Runs;

namespace FermentEngine.Server.Tests.EndToEnd;

/// <summary>
/// Small smooth fermentation-like runs, 4 channels at 0.2 h steps, with seeded run-to-run variation and noise;
/// the faulty run's pH steps up by many standard deviations halfway through.
/// </summary>
internal static class SyntheticRuns
{
    public const int Steps = 120;
    public const int FaultStep = 60;

    public static readonly string[] Channels = ["temperature", "ph", "dissolved_oxygen", "biomass"];

    public static Run Good(int index, int steps = Steps) => Create($"good-{index}", 100 + index, steps, fault: false);

    public static Run Faulty() => Create("faulty", 999, Steps, fault: true);

    public static RunPayload ToPayload(Run run) =>
        new(run.Name, run.Channels.Select(c => c.Name).ToList(), run.TimeHours, run.Values);

    private static Run Create(string name, int seed, int steps, bool fault)
    {
        var random = new Random(seed);
        double phase = random.NextDouble() * 0.3;
        double gain = 1 + ((random.NextDouble() - 0.5) * 0.1);
        var times = new double[steps];
        var values = new float[steps * Channels.Length];
        for (int s = 0; s < steps; s++)
        {
            double t = s * 0.2;
            times[s] = t;
            double growth = gain / (1 + Math.Exp(-(t - 12) / 2.5));
            Span<float> row = values.AsSpan(s * Channels.Length, Channels.Length);
            row[0] = (float)(303 + (0.5 * Math.Sin((t / 4) + phase)) + Noise(random, 0.02));
            row[1] = (float)(7 - (0.4 * growth) + Noise(random, 0.005) + (fault && s >= FaultStep ? 0.6 : 0));
            row[2] = (float)(90 - (60 * growth) + Noise(random, 0.3));
            row[3] = (float)((20 * growth) + Noise(random, 0.05));
        }

        return new Run(name, Channels.Select(c => new ChannelInfo(c)).ToList(), times, values);
    }

    private static double Noise(Random random, double scale) => (random.NextDouble() - 0.5) * 2 * scale;
}
