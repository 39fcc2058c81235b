namespace FermentEngine.Engine.Training;

/// <summary>One progress report of a training job.</summary>
/// <param name="Stage">What is being trained: <c>fold 2/4</c> or <c>final</c>.</param>
/// <param name="Epoch">1-based epoch within the stage.</param>
/// <param name="MaxEpochs">Upper bound on epochs of the stage.</param>
/// <param name="TrainingLoss">Mean training MSE of the epoch (normalised units).</param>
/// <param name="ValidationLoss">Validation MSE of the epoch.</param>
/// <param name="Fraction">Share of the whole job done, 0..1.</param>
/// <param name="Elapsed">Time since training started.</param>
/// <param name="Remaining">Estimated time left.</param>
public sealed record TrainingProgress(
    string Stage,
    int Epoch,
    int MaxEpochs,
    double TrainingLoss,
    double ValidationLoss,
    double Fraction,
    TimeSpan Elapsed,
    TimeSpan Remaining);
