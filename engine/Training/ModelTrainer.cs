using FermentEngine.Engine.Runs;
using FermentEngine.Engine.Scoring;

namespace FermentEngine.Engine.Training;

/// <summary>Trains a <see cref="FermentModel"/> on good runs.</summary>
public static class ModelTrainer
{
    /// <summary>Fits preprocessing, trains the autoencoder and builds the held-out reference population.</summary>
    /// <exception cref="FermentDataException">Bad cells, too few runs, or runs shorter than the window.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static (FermentModel Model, TrainingReport Report) Train(
        RunSet runs,
        TrainingOptions options,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default) => throw new NotImplementedException();
}
