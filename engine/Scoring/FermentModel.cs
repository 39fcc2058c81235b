using FermentEngine.Engine.Nn;
using FermentEngine.Engine.Preprocessing;
using FermentEngine.Engine.Runs;
using FermentEngine.Engine.Training;

namespace FermentEngine.Engine.Scoring;

/// <summary>
/// A trained detector: preprocessing, autoencoder weights and the reference population of held-out good-run
/// scores. Scoring is thread-safe; a model is immutable once trained or loaded.
/// </summary>
public sealed partial class FermentModel
{
    private const int TopChannelCount = 3;

    private readonly ConvAutoencoder _network;

    internal FermentModel(
        Preprocessor preprocessor,
        ConvAutoencoder network,
        ErrorNormalizer errorNormalizer,
        ErrorNormalizer levelNormalizer,
        ReferencePopulation population,
        DriftReference? drift,
        ScoringSettings settings,
        ModelInfo info,
        TrainingReport report)
    {
        Preprocessor = preprocessor;
        ErrorNormalizer = errorNormalizer;
        LevelNormalizer = levelNormalizer;
        _network = network;
        Population = population;
        Drift = drift;
        Settings = settings;
        Info = info;
        Report = report;
    }

    /// <summary>The channels the model reads, in its input order.</summary>
    public IReadOnlyList<string> Channels => Preprocessor.Channels;

    /// <summary>Self-description: versions, fingerprint, population statistics.</summary>
    public ModelInfo Info { get; }

    /// <summary>What training did: runs used and left out, constant and sparse channels, losses.</summary>
    public TrainingReport Report { get; }

    /// <summary>The fitted preprocessing.</summary>
    public Preprocessor Preprocessor { get; }

    /// <summary>The reconstruction errors good held-out runs show per channel and position.</summary>
    public ErrorNormalizer ErrorNormalizer { get; }

    /// <summary>The squared reconstructions good held-out runs show per channel and position.</summary>
    public ErrorNormalizer LevelNormalizer { get; }

    /// <summary>The held-out good-run scores that verdicts are relative to.</summary>
    public ReferencePopulation Population { get; }

    /// <summary>The held-out good runs' long-window channel offsets, for the drift test; null when it is off.
    /// </summary>
    public DriftReference? Drift { get; }

    /// <summary>Thresholds and lengths used to turn errors into verdicts.</summary>
    public ScoringSettings Settings { get; }

    /// <summary>The network's architecture.</summary>
    public AutoencoderArchitecture Architecture => _network.Architecture;

    internal ConvAutoencoder Network => _network;

    /// <summary>Steps after which a step's error no longer changes as later samples arrive: half the network's
    /// receptive field plus one downsampling block.</summary>
    public int LagSteps => _network.LookAheadSteps;

    /// <summary>
    /// Scores runs; each run is reconstructed alone over its whole length, so results never depend on the other
    /// runs in the call. A run that cannot be scored comes back with <see cref="RunStatus.Error"/> and a reason.
    /// </summary>
    /// <param name="runs">Runs with (at least) the model's channels.</param>
    /// <param name="includeStepErrors">Return the per-step error series as well.</param>
    /// <param name="asPartial">The runs are still going: judge each up to <see cref="LagSteps"/> before its newest
    /// sample, against the reference runs over the same number of steps instead of whole reference runs.</param>
    /// <param name="cancellationToken">Stops scoring between runs.</param>
    public IReadOnlyList<RunVerdict> Score(
        IReadOnlyList<Run> runs,
        bool includeStepErrors = false,
        CancellationToken cancellationToken = default,
        bool asPartial = false)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var verdicts = new RunVerdict[runs.Count];
        var options = new ParallelOptions { CancellationToken = cancellationToken };
        Parallel.For(0, runs.Count, options, i =>
            verdicts[i] = ScoreRun(runs[i], includeStepErrors, asPartial, excludeFromPopulation: null));
        return verdicts;
    }

    /// <summary>Starts scoring a batch that is still running; samples are pushed one at a time.</summary>
    public LiveScorer StartLive(string runName) => new(this, runName);

    /// <summary>Scores one run; <paramref name="excludeFromPopulation"/> leaves a reference run out of its own
    /// comparison (used for the held-out verdicts of the training runs).</summary>
    internal RunVerdict ScoreRun(Run run, bool includeStepErrors, bool asPartial, string? excludeFromPopulation)
    {
        // A batch still running may be shorter than the window: the network is fully convolutional.
        if (run.StepCount < (asPartial ? 1 : Settings.MinimumSteps))
        {
            return RunVerdict.Failed(run.Name,
                $"Run '{run.Name}': {run.StepCount} samples, shorter than window {Settings.MinimumSteps}; "
                + "not scored.", Population.Count);
        }

        float[] input;
        int repairs;
        try
        {
            input = Preprocessor.Prepare(run, out repairs);
        }
        catch (FermentDataException ex)
        {
            return RunVerdict.Failed(run.Name, ex.Message, Population.Count);
        }

        if (!asPartial)
        {
            var profile = Reconstruct(input, run.StepCount);
            return Judge(run, profile, DriftCurve(input, run.StepCount), includeStepErrors, false,
                excludeFromPopulation, repairs);
        }

        // The last steps of a running batch still lack the samples the network looks ahead to; like a live
        // stream, a partial run is judged up to LagSteps before its newest sample.
        if (run.StepCount <= LagSteps)
        {
            return RunVerdict.Failed(run.Name,
                $"Run '{run.Name}': {run.StepCount} samples so far; a running batch is judged once it has more than "
                + $"{LagSteps} (the network's look-ahead).", Population.Count);
        }

        int judgedSteps = run.StepCount - LagSteps;
        var judged = Reconstruct(input, run.StepCount, hasEnded: false).Take(judgedSteps);
        return Judge(run, judged, DriftCurve(input, judgedSteps), includeStepErrors, true, excludeFromPopulation,
            repairs);
    }

    /// <summary>Reconstructs a normalised run (or a window of one) and measures its error.</summary>
    /// <param name="stepOffset">Position of the input's first step in its run.</param>
    /// <param name="hasEnded">Whether the input's last step is the end of the run.</param>
    internal ErrorProfile Reconstruct(float[] input, int stepCount, int stepOffset = 0, bool hasEnded = true)
    {
        var output = new float[input.Length];
        _network.Reconstruct(Preprocessor.NetworkInput(input), stepCount, output);
        Preprocessor.PinConstantChannels(output);
        return ErrorProfile.Compute(input, output, Channels.Count, Settings.SmoothingSteps,
            (ErrorNormalizer, LevelNormalizer),
            hasEnded,
            stepOffset);
    }

    // The peak offsets after each of the first `steps` steps and the unclipped offsets at the final peaks, or null
    // when the drift test is off.
    private (float[] Curve, float[] Offsets)? DriftCurve(float[] input, int steps)
    {
        if (Drift is null)
        {
            return null;
        }

        float[] curve = DriftTracker.Curve(input.AsSpan(0, steps * Channels.Count), Channels.Count,
            Drift.WindowSteps, out float[] offsets);
        return (curve, offsets);
    }

    /// <summary>Names the channels carrying most of the given shares, largest first.</summary>
    internal IReadOnlyList<ChannelContribution> TopChannels(double[] shares) =>
        shares.Select((share, c) => new ChannelContribution(Channels[c], share))
            .OrderByDescending(x => x.Share)
            .Take(TopChannelCount)
            .ToList();

    /// <summary>Turns a run's error profile into a verdict.</summary>
    /// <param name="drift">The run's peak offsets after every step and its final unclipped offsets
    /// (<see cref="DriftTracker.Curve(ReadOnlySpan{float}, int, int, out float[])"/>), or null.</param>
    internal RunVerdict Judge(
        Run run, ErrorProfile profile, (float[] Curve, float[] Offsets)? drift, bool includeStepErrors,
        bool asPartial, string? exclude, int repairs)
    {
        double score = profile.Score;
        if (!double.IsFinite(score))
        {
            // Never reported as "not flagged": a score that is not a number is an error.
            return RunVerdict.Failed(run.Name, $"Run '{run.Name}': the score is not finite.", Population.Count);
        }

        int? stepCount = asPartial ? profile.Step.Length : null;
        var (z, scoreP, size) = Population.Evaluate(score, stepCount, exclude);
        if (size < ReferencePopulation.MinimumSize)
        {
            return RunVerdict.Failed(run.Name,
                $"The reference population has {size} good run(s); at least {ReferencePopulation.MinimumSize} "
                + "are needed for a test.", size);
        }

        // Contributions are taken over the whole first alarm streak, else around the score's peak.
        float limit = asPartial ? Settings.OpenAlarmLimit : Settings.AlarmLimit;
        var alarm = AlarmTracker.FirstAlarm(profile.Step, limit, Settings.AlarmPersistence);
        var (driftFinding, driftAlarm) = drift is var (curve, offsets)
            ? JudgeDrift(run, curve, offsets, stepCount, exclude)
            : (null, null);
        double p = DriftReference.Combine(scoreP, driftFinding?.P);
        double? firstAlarm = AlarmTracker.Earliest(alarm is var (first, _) ? run.TimeHours.Span[first] : null,
            driftAlarm, ScoreOnsetHours(run, profile, stepCount, scoreP, exclude));

        var (start, end) = alarm ?? profile.PeakWindow(Settings.SmoothingSteps);
        return new RunVerdict(run.Name, RunStatus.Scored, null, score, z, p, p < Settings.Significance, firstAlarm,
            TopChannels(profile.ChannelShares(start, end)), size, includeStepErrors ? profile.Step : null,
            Warnings(run, repairs))
        {
            Drift = driftFinding,
        };
    }

    // When the score test alone became significant (each test has half the level, see DriftReference.Combine): for
    // a finished run, when its running score passed the whole-run limit, if it ends significant; for a partial run,
    // as for a live one, the first step whose running score was significant against the reference at that step.
    private double? ScoreOnsetHours(Run run, ErrorProfile profile, int? stepCount, double scoreP, string? exclude)
    {
        double level = Settings.Significance / 2;
        ReadOnlySpan<double> times = run.TimeHours.Span;
        if (stepCount is null)
        {
            if (!(scoreP < level))
            {
                return null;
            }

            double critical = Population.CriticalScore(level, exclude);
            int first = Array.FindIndex(profile.RunningScore, s => s >= critical);
            return first >= 0 ? times[first] : null;
        }

        for (int t = 0; t < profile.RunningScore.Length; t++)
        {
            if (Population.Evaluate(profile.RunningScore[t], t + 1, exclude).P < level)
            {
                return times[t];
            }
        }

        return null;
    }

    // What a verdict should say beside its numbers: constant channels that moved, steps past the trajectory,
    // repaired cells.
    private List<string> Warnings(Run run, int repairs)
    {
        var warnings = Preprocessor.ConstantDepartures(run).ToList();
        if (Preprocessor.BeyondTrajectory(run.Name, run.StepCount, Population.RunningScores.Max(c => c.Length))
            is { } beyond)
        {
            warnings.Add(beyond);
        }

        if (repairs > 0)
        {
            var cells = Preprocessing.Preprocessor.DescribeBadCells(run, Channels);
            warnings.Add($"{repairs} missing or non-finite cell(s) repaired ({Preprocessor.MissingValues}): "
                + string.Join("; ", cells.Take(10)) + (cells.Count > 10 ? $"; ... and {cells.Count - 10} more" : ""));
        }

        return warnings;
    }

    /// <summary>The drift test of a run: its channel least like the reference runs, with the time its offset first
    /// passed the limit when the drift test alone is significant; null when the run is shorter than the window.
    /// Also the drift's time for the run's first alarm: for a finished run, that onset; for a partial run, as for a
    /// live one, the first time the drift was significant, even if it is no longer.</summary>
    private (ChannelDrift? Finding, double? AlarmHours) JudgeDrift(
        Run run, float[] curve, float[] offsets, int? stepCount, string? exclude)
    {
        int channels = Channels.Count;
        int steps = curve.Length / channels;
        if (Drift is null || steps < Drift.WindowSteps
            || Drift.Evaluate(DriftTracker.FinalPeaks(curve, channels), stepCount, exclude) is not { } test)
        {
            return (null, null);
        }

        // Each of the two tests gets half the significance level (see DriftReference.Combine).
        double level = Settings.Significance / 2;
        double? onset = null;
        if (stepCount is not null)
        {
            onset = DriftOnsetHours(run, curve, level, exclude);
            var partial = new ChannelDrift(Channels[test.Channel], offsets[test.Channel], test.Z, test.P,
                test.P < level ? onset : null);
            return (partial, onset);
        }

        if (test.P < level)
        {
            onset = DriftOnsetHours(run, curve, level, exclude);

            // Significant against whole runs but at no step against the runs at that step: the crossing of the
            // whole-run limit is the onset.
            double limit = Drift.Limit(test.Channel, level, exclude);
            for (int t = Drift.WindowSteps - 1; t < steps && onset is null; t++)
            {
                onset = Math.Abs(curve[t * channels + test.Channel]) > limit ? run.TimeHours.Span[t] : null;
            }
        }

        return (new ChannelDrift(Channels[test.Channel], offsets[test.Channel], test.Z, test.P, onset), onset);
    }

    // The first step whose drift test, against the reference runs at that step, marks an onset (DriftOnset).
    private double? DriftOnsetHours(Run run, float[] curve, double level, string? exclude)
    {
        int channels = Channels.Count;
        var watch = new DriftOnset(Drift!, level, exclude);
        for (int t = Drift!.WindowSteps - 1; t < curve.Length / channels; t++)
        {
            if (Drift.Evaluate(curve.AsSpan(t * channels, channels), t + 1, exclude) is { } atStep
                && watch.Passes(atStep))
            {
                return run.TimeHours.Span[t];
            }
        }

        return null;
    }
}
