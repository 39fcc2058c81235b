using System.CommandLine;
using FermentEngine.Engine.Preprocessing;
using FermentEngine.Engine.Runs;
using FermentEngine.Engine.Training;

namespace FermentEngine.Cli.Commands;

/// <summary>Options of <c>train</c> that choose the training runs and shape the model.</summary>
internal sealed class TrainingOptionSet
{
    private readonly Option<string[]> _where = new("--where")
    {
        Description = "Train only on runs whose label has this value (repeatable: --where control=recipe "
            + "--where fault=0).",
    };

    private readonly Option<string[]> _channels = new("--channel")
    {
        Description = "Channel to model (repeatable; default: every continuously measured channel).",
    };

    private readonly Option<string[]> _excludeChannels = new("--exclude-channel")
    {
        Description = "Channel to leave out of the default selection (repeatable).",
    };

    private readonly Option<MissingValuePolicy> _missing = new("--missing")
    {
        Description = "Missing or non-finite cells: Error (refuse), HoldLast or Interpolate.",
        DefaultValueFactory = _ => MissingValuePolicy.Error,
    };

    private readonly Option<NormalizationKind> _normalization = new("--normalization")
    {
        Description = "Per-channel scaling: Standard (mean/σ), Robust (median/IQR) or Trajectory (around the mean "
            + "run at the same step; for recipe-driven batches).",
        DefaultValueFactory = _ => NormalizationKind.Standard,
    };

    private readonly Option<int?> _window = NumberOptions.Whole("--window",
        "Training window in steps (default min(256, median run length)).");

    private readonly Option<int?> _epochs = NumberOptions.Whole("--epochs", "Maximum epochs per network (default 40).");

    private readonly Option<int?> _folds =
        NumberOptions.Whole("--folds", "Cross-validation folds, at least 2 (default 4).");

    private readonly Option<int?> _seed = NumberOptions.Whole("--seed", "Seed of every random choice (default 17).");

    private readonly Option<double?> _significance = NumberOptions.Decimal("--significance",
        "Flag runs whose p-value is below this (default 0.01).");

    private readonly Option<int?> _smoothing = NumberOptions.Whole("--smoothing",
        "Steps of the moving average whose maximum is the run score (default 10; 50 suits IndPenSim).");

    private readonly Option<int?> _persistence = NumberOptions.Whole("--persistence",
        "Consecutive steps over the alarm limit that raise a point alarm (default 5).");

    private readonly Option<int?> _driftWindow = NumberOptions.Whole("--drift-window",
        "Steps of the per-channel drift test's window (default 45 % of the median training run "
            + "length; 0 turns the test off).");

    public void AddTo(Command command)
    {
        foreach (Option option in new Option[] { _where, _channels, _excludeChannels, _missing, _normalization,
            _window, _epochs, _folds, _seed, _significance, _smoothing, _persistence, _driftWindow })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The runs chosen by <c>--where</c>.</summary>
    /// <exception cref="Engine.FermentDataException">A filter is not of the form label=value.</exception>
    public RunSet SelectRuns(ParseResult parse, RunSet runs)
    {
        var filters = (parse.GetValue(_where) ?? []).Select(text =>
        {
            int eq = text.IndexOf('=');
            return eq > 0
                ? (Label: text[..eq], Value: text[(eq + 1)..])
                : throw new Engine.FermentDataException(
                    $"--where '{text}': expected label=value, e.g. control=recipe.");
        }).ToList();
        foreach (var (label, _) in filters.Where(f => runs.Runs.All(r => !r.Labels.ContainsKey(f.Label))))
        {
            var known = runs.Runs.SelectMany(r => r.Labels.Keys).Distinct().Order().ToList();
            throw new Engine.FermentDataException($"--where: no run has the label '{label}'; the runs' labels are "
                + (known.Count > 0 ? string.Join(", ", known.Select(k => $"'{k}'")) : "none") + ".");
        }

        return runs.Where(run => filters.All(f => run.Labels.GetValueOrDefault(f.Label) == f.Value));
    }

    /// <summary>The training options the command line gives, checked against their allowed ranges, so that
    /// local and server training refuse the same input with the same message.</summary>
    /// <exception cref="Engine.FermentDataException">An option is out of range or names a channel the runs lack.
    /// </exception>
    public TrainingOptions Bind(ParseResult parse, RunSet runs)
    {
        var defaults = new TrainingOptions();
        string[] named = parse.GetValue(_channels) ?? [];
        string[] excluded = parse.GetValue(_excludeChannels) ?? [];
        IReadOnlyList<string>? channels = named.Length > 0 ? named : null;
        var unknown = excluded.Where(e => runs.Channels.All(c => c.Name != e)).ToList();
        if (unknown.Count > 0)
        {
            throw new Engine.FermentDataException(
                $"--exclude-channel: the runs have no channel {string.Join(", ", unknown.Select(u => $"'{u}'"))}.");
        }

        if (excluded.Length > 0)
        {
            channels = (channels ?? Preprocessor.SelectChannels(runs.Channels, null))
                .Where(c => !excluded.Contains(c)).ToList();
        }

        var options = defaults with
        {
            Channels = channels,
            MissingValues = parse.GetValue(_missing),
            Normalization = parse.GetValue(_normalization),
            WindowLength = parse.GetValue(_window),
            MaxEpochs = parse.GetValue(_epochs) ?? defaults.MaxEpochs,
            Folds = parse.GetValue(_folds) ?? defaults.Folds,
            Seed = parse.GetValue(_seed) ?? defaults.Seed,
            Significance = parse.GetValue(_significance) ?? defaults.Significance,
            AlarmPersistence = parse.GetValue(_persistence) ?? defaults.AlarmPersistence,
            SmoothingSteps = parse.GetValue(_smoothing) ?? defaults.SmoothingSteps,
            DriftSteps = parse.GetValue(_driftWindow),
        };

        // Before either path: the wire fields are unsigned, so a negative count would reach a server wrapped.
        try
        {
            options.Validate();
        }
        catch (Engine.FermentDataException ex)
        {
            throw new Engine.FermentDataException(WithOptionNames(ex.Message));
        }

        return options;
    }

    // The engine names its option properties; a command line user typed flags.
    private static string WithOptionNames(string message) => s_flags.Aggregate(message,
        (text, flag) => text.Replace(flag.Property, flag.Option, StringComparison.Ordinal));

    private static readonly (string Property, string Option)[] s_flags =
    [
        ("Training option ", "Option "), ("DriftSteps", "--drift-window"), ("SmoothingSteps", "--smoothing"),
        ("WindowLength", "--window"), ("MaxEpochs", "--epochs"), ("Folds", "--folds"),
        ("Significance", "--significance"), ("AlarmPersistence", "--persistence"),
    ];
}
