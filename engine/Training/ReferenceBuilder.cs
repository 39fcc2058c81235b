using System.Reflection;
using FermentEngine.Engine.Nn;
using FermentEngine.Engine.Preprocessing;
using FermentEngine.Engine.Runs;
using FermentEngine.Engine.Scoring;

namespace FermentEngine.Engine.Training;

/// <summary>
/// Builds the reference population from the held-out scores: a training run whose held-out score is an outlier
/// against the other runs is named and kept out, so that one bad run in the pool does not widen the limit for
/// everyone. Also sets the point-alarm limit from the population's step errors.
/// </summary>
internal sealed class ReferenceBuilder
{
    private readonly Preprocessor _preprocessor;
    private readonly ConvAutoencoder _network;
    private readonly ReferencePopulation _population;
    private readonly (ErrorNormalizer Error, ErrorNormalizer Level) _normalizers;
    private readonly ScoringSettings _settings;
    private readonly List<Run> _pool;
    private readonly DriftReference? _drift;

    public ReferenceBuilder(
        Preprocessor preprocessor, ConvAutoencoder network, ScoringSettings settings, List<Run> pool,
        ErrorProfile[] heldOut, float[][]? heldOutDrift, TrainingOptions options)
    {
        _preprocessor = preprocessor;
        _network = network;
        _pool = pool;
        var names = pool.Select(r => r.Name).ToList();
        int edgeSteps = Math.Min(network.ReceptiveField + network.Architecture.Downsampling,
            pool.Min(r => r.StepCount) / 4);
        var tested = preprocessor.IsConstant.Select(constant => !constant).ToArray();
        DriftReference? Drift(List<int> members) => heldOutDrift is null
            ? null
            : new DriftReference(settings.DriftSteps, members.Select(i => names[i]).ToList(),
                members.Select(i => heldOutDrift[i]).ToList(), tested);

        var everyone = Enumerable.Range(0, pool.Count).ToList();
        var (_, profiles) = Normalize(heldOut, everyone, edgeSteps, settings.SmoothingSteps);
        var population = new ReferencePopulation(names, profiles.Select(p => p.RunningScore).ToList());
        var drift = Drift(everyone);
        var keep = new List<int>();
        for (int i = 0; i < pool.Count; i++)
        {
            var (z, scoreP, _) = population.Evaluate(profiles[i].Score, exclude: names[i]);
            var driftTest = heldOutDrift is null
                ? null
                : drift?.Evaluate(DriftTracker.FinalPeaks(heldOutDrift[i], tested.Length), null, names[i]);
            double p = DriftReference.Combine(scoreP, driftTest?.P);
            if (p < options.Significance)
            {
                string why = driftTest is not null && driftTest.P < scoreP
                    ? $"channel '{preprocessor.Channels[driftTest.Channel]}' holds a held-out offset of "
                        + $"{driftTest.Offset:+0.00;-0.00} spreads"
                    : $"held-out score {profiles[i].Score:G4} (z = {z:0.00})";
                Outliers.Add(new ExcludedRun(names[i],
                    $"{why} is an outlier against the other good runs (p = {p:0.####}); kept out of the reference "
                    + "population"));
            }
            else
            {
                keep.Add(i);
            }
        }

        if (keep.Count < ReferencePopulation.MinimumSize)
        {
            // Too few would be left to test anything: keep everyone.
            keep = everyone;
            Outliers.Clear();
        }

        (_normalizers, profiles) = Normalize(heldOut, keep, edgeSteps, settings.SmoothingSteps);
        _population = new ReferencePopulation(keep.Select(i => names[i]).ToList(),
            keep.Select(i => profiles[i].RunningScore).ToList());
        _drift = Drift(keep);
        _settings = settings with { AlarmLimit = AlarmLimit(keep.Select(i => profiles[i]), options.AlarmQuantile) };
        var judge = Build(new TrainingReport([], [], [], [], [], 0, 0, 0, 0, 0), "");
        HeldOutVerdicts = pool.Select((run, i) =>
            judge.Judge(run, profiles[i], heldOutDrift?[i], false, false, run.Name, 0)).ToList();
    }

    /// <summary>Training runs kept out of the population, with their reasons.</summary>
    public List<ExcludedRun> Outliers { get; } = [];

    /// <summary>Each training run's verdict from the network that did not see it, against the others.</summary>
    public IReadOnlyList<RunVerdict> HeldOutVerdicts { get; }

    /// <summary>The trained model.</summary>
    public FermentModel Build(TrainingReport report, string fingerprint)
    {
        string version = typeof(ModelTrainer).Assembly
            .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0";
        var info = new ModelInfo(FermentModel.FormatVersion, version, DateTimeOffset.UtcNow, fingerprint,
            _preprocessor.Channels, _pool.Select(r => r.Name).ToList(), _population.Count, _population.Mean,
            _population.StdDev, _population.Median, _settings.Significance, _settings.DriftSteps);
        return new FermentModel(_preprocessor, _network, _normalizers.Error, _normalizers.Level, _population,
            _drift, _settings, info, report);
    }

    // Fits the normaliser on the chosen runs' raw errors and re-expresses every run's errors with it.
    private static ((ErrorNormalizer, ErrorNormalizer), ErrorProfile[]) Normalize(
        ErrorProfile[] raw, List<int> fitOn, int edgeSteps, int smoothingSteps)
    {
        int channels = raw[0].ChannelCount;
        var normalizers = (
            ErrorNormalizer.Fit(fitOn.Select(i => raw[i].Squared).ToList(), channels, edgeSteps),
            ErrorNormalizer.Fit(fitOn.Select(i => raw[i].Level).ToList(), channels, edgeSteps));
        ErrorProfile[] Profiles((ErrorNormalizer, ErrorNormalizer) n) => raw
            .Select(p => ErrorProfile.FromParts(p.Squared, p.Level, channels, smoothingSteps, n))
            .ToArray();

        // Channels differ in how heavy the tails of their smoothed errors are; measuring each in units of its own
        // 99th percentile keeps a spiky channel from setting every run's score.
        ErrorProfile[] unscaled = Profiles(normalizers);
        float[] tails = ChannelTails(fitOn.Select(i => unscaled[i]).ToList(), channels, smoothingSteps);
        normalizers = (normalizers.Item1.Scaled(tails), normalizers.Item2.Scaled(tails));
        return (normalizers, Profiles(normalizers));
    }

    private static float[] ChannelTails(List<ErrorProfile> profiles, int channels, int smoothingSteps)
    {
        var tails = new float[channels];
        for (int c = 0; c < channels; c++)
        {
            var averages = new List<float>();
            foreach (var profile in profiles)
            {
                double sum = 0;
                int steps = profile.Step.Length;
                for (int t = 0; t < steps; t++)
                {
                    sum += profile.Normalized[t * channels + c];
                    if (t >= smoothingSteps)
                    {
                        sum -= profile.Normalized[(t - smoothingSteps) * channels + c];
                    }

                    averages.Add((float)(sum / Math.Min(t + 1, smoothingSteps)));
                }
            }

            var sorted = averages.ToArray();
            Array.Sort(sorted);
            tails[c] = Math.Max(ChannelScaling.Quantile(sorted, 0.99), 1e-6f);
        }

        return tails;
    }

    private static float AlarmLimit(IEnumerable<ErrorProfile> profiles, double quantile)
    {
        var errors = profiles.SelectMany(p => p.Step).ToArray();
        Array.Sort(errors);
        return ChannelScaling.Quantile(errors, quantile);
    }
}
