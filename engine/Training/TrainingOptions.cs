using FermentEngine.Engine.Preprocessing;

namespace FermentEngine.Engine.Training;

/// <summary>Everything that decides a trained model. Same options and same runs give the same model.</summary>
public sealed record TrainingOptions
{
    /// <summary>Channels to model by exact name; null selects the continuously measured process channels.</summary>
    public IReadOnlyList<string>? Channels { get; init; }

    /// <summary>What to do with missing or non-finite cells in selected channels; default: refuse.</summary>
    public MissingValuePolicy MissingValues { get; init; } = MissingValuePolicy.Error;

    /// <summary>Per-channel scaling; default mean/σ. <see cref="NormalizationKind.Trajectory"/> suits batches that
    /// follow a time-based recipe, given enough training runs (a dozen or more) to estimate the mean run.</summary>
    public NormalizationKind Normalization { get; init; } = NormalizationKind.Standard;

    /// <summary>Leave runs whose length is outside mean ± 2σ out of training (default true).</summary>
    public bool ExcludeLengthOutliers { get; init; } = true;

    /// <summary>Training crop length in steps, also the shortest run that is trained on or scored. Null (the
    /// default) picks min(256, median run length), rounded down to the network's downsampling factor.</summary>
    public int? WindowLength { get; init; }

    /// <summary>Crops per mini-batch (default 16).</summary>
    public int BatchSize { get; init; } = 16;

    /// <summary>Upper bound on epochs (default 40); early stopping usually ends sooner.</summary>
    public int MaxEpochs { get; init; } = 40;

    /// <summary>Epochs without validation improvement before stopping (default 6).</summary>
    public int Patience { get; init; } = 6;

    /// <summary>Adam step size (default 2e-3).</summary>
    public double LearningRate { get; init; } = 2e-3;

    /// <summary>Folds of the cross-validation that gives every training run a held-out score (default 4, at
    /// least 2; capped at the number of runs).</summary>
    public int Folds { get; init; } = 4;

    /// <summary>Seed of every random choice (initial weights, crops, splits).</summary>
    public int Seed { get; init; } = 17;

    /// <summary>Hidden widths of the encoder, one per strided layer (default 32, 32, 48).</summary>
    public IReadOnlyList<int> Widths { get; init; } = [32, 32, 48];

    /// <summary>Convolution kernel size (odd; default 5).</summary>
    public int KernelSize { get; init; } = 5;

    /// <summary>Significance level for flagging a run (default 0.01, see README).</summary>
    public double Significance { get; init; } = 0.01;

    /// <summary>Consecutive steps over the alarm limit before a point alarm is raised (default 5 = 1 h).</summary>
    public int AlarmPersistence { get; init; } = 5;

    /// <summary>Steps of the trailing moving average whose maximum is the run score (default 10 = 2 h at 12 min).
    /// </summary>
    public int SmoothingSteps { get; init; } = 10;

    /// <summary>Quantile of the reference population's step errors used as alarm limit (default 0.999).</summary>
    public double AlarmQuantile { get; init; } = 0.999;

    /// <summary>Trailing window of the per-channel drift test, in steps. Null (the default) uses 45 % of the median
    /// training run length, long enough to average out the normal excursions of a run and short enough to see a
    /// drift that grows through the second half of one; 0 turns the test off.</summary>
    public int? DriftSteps { get; init; }

    /// <summary>Checks every option against its allowed range.</summary>
    /// <exception cref="FermentDataException">An option is out of range; the message names it, its value and the
    /// range.</exception>
    public void Validate()
    {
        Require(WindowLength is null or >= 1, "WindowLength", WindowLength, "at least 1");
        Require(BatchSize >= 1, "BatchSize", BatchSize, "at least 1");
        Require(MaxEpochs >= 1, "MaxEpochs", MaxEpochs, "at least 1");
        Require(Patience >= 1, "Patience", Patience, "at least 1");
        Require(double.IsFinite(LearningRate) && LearningRate > 0, "LearningRate", LearningRate, "a positive number");
        Require(Folds >= 2, "Folds", Folds, "at least 2");
        Require(Widths.Count >= 1 && Widths.All(w => w >= 1), "Widths", string.Join(",", Widths),
            "one or more positive widths");
        Require(KernelSize >= 1 && KernelSize % 2 == 1, "KernelSize", KernelSize, "an odd number");
        Require(Significance is > 0 and < 1, "Significance", Significance, "between 0 and 1");
        Require(AlarmPersistence >= 1, "AlarmPersistence", AlarmPersistence, "at least 1");
        Require(SmoothingSteps >= 1, "SmoothingSteps", SmoothingSteps, "at least 1");
        Require(AlarmQuantile is > 0 and < 1, "AlarmQuantile", AlarmQuantile, "between 0 and 1");
        // A window no longer than the score's own average would only test what the score already tests.
        Require(DriftSteps is null or 0 || DriftSteps >= SmoothingSteps, "DriftSteps", DriftSteps,
            $"0 (off) or at least SmoothingSteps ({SmoothingSteps})");
    }

    private static void Require(bool valid, string option, object? value, string allowed)
    {
        if (!valid)
        {
            throw new FermentDataException($"Training option {option} is {value}; it must be {allowed}.");
        }
    }
}
