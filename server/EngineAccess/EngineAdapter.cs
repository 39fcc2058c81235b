using FermentEngine.Engine.Runs;
using FermentEngine.Engine.Scoring;
using FermentEngine.Engine.Training;

namespace FermentEngine.Server.EngineAccess;

/// <summary>The real engine behind <see cref="IEngine"/>.</summary>
internal sealed class EngineAdapter : IEngine
{
    public IScoringModel Load(string path) => new ModelAdapter(FermentModel.Load(path));

    public (IScoringModel Model, TrainingReport Report) Train(
        RunSet runs,
        TrainingOptions options,
        IProgress<TrainingProgress>? progress,
        CancellationToken cancellationToken)
    {
        var (model, report) = ModelTrainer.Train(runs, options, progress, cancellationToken);
        return (new ModelAdapter(model), report);
    }
}
