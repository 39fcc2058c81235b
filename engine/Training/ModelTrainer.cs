using System.Diagnostics;
using FermentEngine.Engine.Nn;
using FermentEngine.Engine.Preprocessing;
using FermentEngine.Engine.Runs;
using FermentEngine.Engine.Scoring;

namespace FermentEngine.Engine.Training;

/// <summary>
/// Trains a <see cref="FermentModel"/> on good runs. Every training run also gets a held-out score from a k-fold
/// cross-validation by run; those scores, not the biased-low scores of runs the final network fitted, form the
/// reference population.
/// </summary>
public static class ModelTrainer
{
    /// <summary>The fewest training runs accepted.</summary>
    public const int MinimumRuns = ReferencePopulation.MinimumSize + 1;

    /// <summary>Fits preprocessing, trains the autoencoder and builds the held-out reference population.</summary>
    /// <param name="runs">Good runs only; choose them by label before calling.</param>
    /// <param name="options">Training options; same options and runs give the same model.</param>
    /// <param name="progress">Receives a report after every epoch of every stage.</param>
    /// <param name="cancellationToken">Stops training between mini-batches.</param>
    /// <exception cref="FermentDataException">Bad cells under the Error policy, unknown channels, or fewer than
    /// <see cref="MinimumRuns"/> usable runs.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static (FermentModel Model, TrainingReport Report) Train(
        RunSet runs,
        TrainingOptions options,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (runs.Runs.Count < MinimumRuns)
        {
            throw new FermentDataException(
                $"Training needs at least {MinimumRuns} usable good runs; {runs.Runs.Count} were given.");
        }

        var channels = Preprocessor.SelectChannels(runs.Channels, options.Channels);
        var architecture = new AutoencoderArchitecture(channels.Count, options.Widths, options.KernelSize);
        var (pool, excluded, window) = TrainingPool.Select(runs.Runs, options, architecture.Downsampling);
        if (pool.Count < MinimumRuns)
        {
            throw new FermentDataException(
                $"Training needs at least {MinimumRuns} usable good runs; {pool.Count} of {runs.Runs.Count} are left"
                + (excluded.Count > 0
                    ? $" ({string.Join("; ", excluded.Select(e => $"{e.Run}: {e.Reason}"))})."
                    : "."));
        }

        if (options.MissingValues == MissingValuePolicy.Error)
        {
            Preprocessor.ThrowOnBadCells(pool, channels);
        }

        var preprocessor = Preprocessor.Fit(pool, channels, options.Normalization, options.MissingValues);
        int repairs = 0;
        var inputs = pool.Select(run =>
        {
            float[] values = preprocessor.Prepare(run, out int repaired);
            repairs += repaired;
            return values;
        }).ToList();

        int driftSteps = options.DriftSteps ?? DefaultDriftSteps(pool);
        int filling = pool.Count(r => r.StepCount >= driftSteps);
        if (driftSteps > 0 && filling < ReferencePopulation.MinimumSize)
        {
            throw new FermentDataException(
                $"Training option DriftSteps is {driftSteps}, but only {filling} of the {pool.Count} training runs are "
                + $"that long; the drift test needs at least {ReferencePopulation.MinimumSize} (the longest has "
                + $"{pool.Max(r => r.StepCount)} steps). Choose a shorter window, or 0 to turn the test off.");
        }

        var job = new TrainingJob(options, architecture, window, driftSteps, pool, inputs,
            runsOfFold => Preprocessor.Fit(runsOfFold.ToList(), channels, options.Normalization, options.MissingValues),
            progress, cancellationToken);
        var (network, final, heldOut, heldOutDrift) = job.Run();
        var settings = new ScoringSettings(window, Math.Max(1, options.SmoothingSteps), 0, options.AlarmPersistence,
            options.Significance, driftSteps);
        var context = new ReferenceBuilder(preprocessor, network, settings, pool, heldOut, heldOutDrift, options);
        var report = new TrainingReport(
            pool.Select(r => r.Name).ToList(), excluded, context.Outliers,
            ConstantChannels(preprocessor), SparseChannels(runs, channels),
            pool.Sum(r => r.StepCount), repairs, final.Epochs, final.TrainingLoss, final.ValidationLoss)
        {
            HeldOutVerdicts = context.HeldOutVerdicts,
            RepairedCells = repairs > 0
                ? pool.SelectMany(r => Preprocessor.DescribeBadCells(r, channels)).ToList()
                : [],
            WindowLength = window,
        };
        var model = context.Build(report, Fingerprint.Of(pool, channels));
        return (model, report);
    }

    private static int DefaultDriftSteps(List<Run> pool)
    {
        var lengths = pool.Select(r => r.StepCount).Order().ToArray();
        return Math.Max(1, (int)(0.45 * lengths[lengths.Length / 2]));
    }

    private static List<ConstantChannel> ConstantChannels(Preprocessor preprocessor) =>
        preprocessor.Channels.Select((name, c) => (name, c))
            .Where(x => preprocessor.IsConstant[x.c])
            .Select(x => new ConstantChannel(x.name, preprocessor.Center[x.c]))
            .ToList();

    private static List<SparseChannel> SparseChannels(RunSet runs, IReadOnlyList<string> selected)
    {
        var sparse = new List<SparseChannel>();
        for (int c = 0; c < runs.Channels.Count; c++)
        {
            if (runs.Channels[c].Kind != ChannelKind.Sparse || selected.Contains(runs.Channels[c].Name))
            {
                continue;
            }

            long filled = 0;
            long rows = 0;
            foreach (var run in runs.Runs)
            {
                ReadOnlySpan<float> values = run.Values.Span;
                for (int t = 0; t < run.StepCount; t++)
                {
                    filled += float.IsFinite(values[t * run.ChannelCount + c]) ? 1 : 0;
                }

                rows += run.StepCount;
            }

            sparse.Add(new SparseChannel(runs.Channels[c].Name, rows > 0 ? (double)filled / rows : 0));
        }

        return sparse;
    }
}
