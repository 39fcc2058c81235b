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
        ErrorProfile[] heldOut, (float[] Curve, float[] Offsets)[]? heldOutDrift, TrainingOptions options)
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
                members.Select(i => heldOutDrift[i].Curve).ToList(), tested);

        // First pass: every run against all the others.
        var everyone = Enumerable.Range(0, pool.Count).ToList();
        var (_, profiles) = Normalize(heldOut, everyone, edgeSteps, settings.SmoothingSteps);
        var population = new ReferencePopulation(names, profiles.Select(p => p.RunningScore).ToList());
        var drift = Drift(everyone);
        var keep = everyone.Where(i =>
        {
            var (_, scoreP, _) = population.Evaluate(profiles[i].Score, exclude: names[i]);
            var driftTest = heldOutDrift is null
                ? null
                : drift?.Evaluate(DriftTracker.FinalPeaks(heldOutDrift[i].Curve, tested.Length), null, names[i]);
            return DriftReference.Combine(scoreP, driftTest?.P) >= options.Significance;
        }).ToList();
        if (keep.Count < ReferencePopulation.MinimumSize)
        {
            // Too few would be left to test anything: keep everyone.
            keep = everyone;
        }

        (_normalizers, profiles) = Normalize(heldOut, keep, edgeSteps, settings.SmoothingSteps);
        // A running batch is judged up to its look-ahead, every step as an interior step: so are the reference runs
        // for partial and live comparisons (their last look-ahead of steps, which no running batch is judged on, is
        // left out).
        var open = keep.Select(i => ErrorProfile.FromParts(heldOut[i].Squared, heldOut[i].Level,
                heldOut[i].ChannelCount, settings.SmoothingSteps, _normalizers, hasEnded: false)
            .Take(Math.Max(1, heldOut[i].Step.Length - network.LookAheadSteps))).ToList();
        _population = new ReferencePopulation(keep.Select(i => names[i]).ToList(),
            keep.Select(i => profiles[i].RunningScore).ToList(), open.Select(p => p.RunningScore).ToList());
        _drift = Drift(keep);
        _settings = settings with
        {
            AlarmLimit = AlarmLimit(keep.Select(i => profiles[i]), options.AlarmQuantile),
            OpenAlarmLimit = AlarmLimit(open, options.AlarmQuantile),
        };
        var judge = Build(new TrainingReport([], [], [], [], [], 0, 0, 0, 0, 0), "");
        HeldOutVerdicts = pool.Select((run, i) =>
            judge.Judge(run, profiles[i], heldOutDrift?[i], false, false, run.Name, 0)).ToList();

        // The reasons quote each left-out run's held-out verdict against the population it was kept out of (the
        // first pass's figures would understate it: its own deviation took part in that pass's scaling).
        foreach (int i in everyone.Except(keep))
        {
            Outliers.Add(new ExcludedRun(names[i], OutlierReason(HeldOutVerdicts[i])));
        }
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

    private static string OutlierReason(RunVerdict verdict)
    {
        string p = verdict.P < 1e-4
            ? verdict.P.ToString("0.0e0", System.Globalization.CultureInfo.InvariantCulture)
            : verdict.P.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture);
        string what = verdict.Drift is { } drift && Math.Min(1, 2 * drift.P) <= verdict.P
            ? $"its held-out offset of '{drift.Channel}' ({drift.Offset:+0.00;-0.00} spreads)"
            : $"its held-out score {verdict.Score:G4} (z = {verdict.Z:0.00})";
        return $"{what} is an outlier against the other good runs (p = {p}); kept out of the reference population";
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
            // The channel's own moving average, by the step statistic's one definition.
            var averages = new List<float>();
            foreach (var profile in profiles)
            {
                var smoother = new ChannelSmoother(1, smoothingSteps);
                for (int t = 0; t < profile.Step.Length; t++)
                {
                    averages.Add(smoother.Push(profile.Normalized.AsSpan(t * channels + c, 1)));
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
