using FermentEngine.Engine.Runs;
using FermentEngine.Engine.Training;

namespace FermentEngine.Server.EngineAccess;

/// <summary>The engine as the server sees it: a seam that unit tests replace with a fake.</summary>
internal interface IEngine
{
    /// <summary>Reads a model file.</summary>
    IScoringModel Load(string path);

    /// <summary>Trains a model; throws <see cref="OperationCanceledException"/> when cancelled.</summary>
    (IScoringModel Model, TrainingReport Report) Train(
        RunSet runs,
        TrainingOptions options,
        IProgress<TrainingProgress>? progress,
        CancellationToken cancellationToken);
}
