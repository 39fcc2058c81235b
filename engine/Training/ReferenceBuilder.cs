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
    private readonly ErrorNormalizer _normalizer;
    private readonly ScoringSettings _settings;
    private readonly List<Run> _pool;

    public ReferenceBuilder(
        Preprocessor preprocessor, ConvAutoencoder network, ScoringSettings settings, List<Run> pool,
        ErrorProfile[] heldOut, TrainingOptions options)
    {
        _preprocessor = preprocessor;
        _network = network;
        _pool = pool;
        var names = pool.Select(r => r.Name).ToList();
        int edgeSteps = Math.Min(network.ReceptiveField + network.Architecture.Downsampling,
            pool.Min(r => r.StepCount) / 4);
        var everyone = Enumerable.Range(0, pool.Count).ToList();
        var (_, profiles) = Normalize(heldOut, everyone, edgeSteps, settings.SmoothingSteps);
        var population = new ReferencePopulation(names, profiles.Select(p => p.RunningScore).ToList());
        var keep = new List<int>();
        for (int i = 0; i < pool.Count; i++)
        {
            var (z, p, _) = population.Evaluate(profiles[i].Score, exclude: names[i]);
            if (p < options.Significance)
            {
                Outliers.Add(new ExcludedRun(names[i],
                    $"held-out score {profiles[i].Score:G4} is an outlier against the other good runs "
                    + $"(z = {z:0.00}, p = {p:0.####}); kept out of the reference population"));
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

        (_normalizer, profiles) = Normalize(heldOut, keep, edgeSteps, settings.SmoothingSteps);
        _population = new ReferencePopulation(keep.Select(i => names[i]).ToList(),
            keep.Select(i => profiles[i].RunningScore).ToList());
        _settings = settings with { AlarmLimit = AlarmLimit(keep.Select(i => profiles[i]), options.AlarmQuantile) };
        var judge = Build(new TrainingReport([], [], [], [], [], 0, 0, 0, 0, 0), "");
        HeldOutVerdicts = pool.Select((run, i) => judge.Judge(run, profiles[i], false, false, run.Name, 0)).ToList();
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
            _population.StdDev, _population.Median, _settings.Significance);
        return new FermentModel(_preprocessor, _network, _normalizer, _population, _settings, info, report);
    }

    // Fits the normaliser on the chosen runs' raw errors and re-expresses every run's errors with it.
    private static (ErrorNormalizer, ErrorProfile[]) Normalize(
        ErrorProfile[] raw, List<int> fitOn, int edgeSteps, int smoothingSteps)
    {
        int channels = raw[0].ChannelCount;
        var normalizer = ErrorNormalizer.Fit(fitOn.Select(i => raw[i].Squared).ToList(), channels, edgeSteps);
        var profiles = raw.Select(p => ErrorProfile.FromSquared(p.Squared, channels, smoothingSteps, normalizer))
            .ToArray();
        return (normalizer, profiles);
    }

    private static float AlarmLimit(IEnumerable<ErrorProfile> profiles, double quantile)
    {
        var errors = profiles.SelectMany(p => p.Step).ToArray();
        Array.Sort(errors);
        return ChannelScaling.Quantile(errors, quantile);
    }
}
