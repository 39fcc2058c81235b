using FermentEngine.Engine.Scoring;

namespace FermentEngine.Engine.Training;

/// <summary>A run left out of training or of the reference population, and why.</summary>
public sealed record ExcludedRun(string Run, string Reason);

/// <summary>A channel with a single value in every training run.</summary>
public sealed record ConstantChannel(string Channel, double Value);

/// <summary>A channel left out of the model for being filled on few rows.</summary>
public sealed record SparseChannel(string Channel, double FillRate);

/// <summary>What training did with its input.</summary>
/// <param name="TrainingRuns">Runs the final network was trained on.</param>
/// <param name="Excluded">Runs left out of training, each with its reason.</param>
/// <param name="ReferenceOutliers">Training runs whose held-out score is an outlier; kept out of the population.
/// </param>
/// <param name="ConstantChannels">Zero-variance channels (standardised to 0; any departure is reported).</param>
/// <param name="SparseChannels">Channels left out for being sparse, with their fill rate.</param>
/// <param name="RowsUsed">Rows of the training runs used.</param>
/// <param name="Repairs">Cells repaired by the missing-value policy.</param>
/// <param name="Epochs">Epochs run by the final network.</param>
/// <param name="FinalTrainingLoss">Training MSE of the final network.</param>
/// <param name="FinalValidationLoss">Validation MSE of the final network.</param>
public sealed record TrainingReport(
    IReadOnlyList<string> TrainingRuns,
    IReadOnlyList<ExcludedRun> Excluded,
    IReadOnlyList<ExcludedRun> ReferenceOutliers,
    IReadOnlyList<ConstantChannel> ConstantChannels,
    IReadOnlyList<SparseChannel> SparseChannels,
    int RowsUsed,
    int Repairs,
    int Epochs,
    double FinalTrainingLoss,
    double FinalValidationLoss)
{
    /// <summary>Each training run scored by the fold network that did not see it, against the other runs.</summary>
    public IReadOnlyList<RunVerdict> HeldOutVerdicts { get; init; } = [];

    /// <summary>The cells the missing-value policy repaired, one description each (line, column, token).</summary>
    public IReadOnlyList<string> RepairedCells { get; init; } = [];

    /// <summary>The training window (crop) length in steps; shorter runs are neither trained on nor scored.</summary>
    public int WindowLength { get; init; }
}
