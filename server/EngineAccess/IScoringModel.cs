using FermentEngine.Engine.Runs;
using FermentEngine.Engine.Scoring;

namespace FermentEngine.Server.EngineAccess;

/// <summary>A loaded model: thread-safe scoring, live sessions and saving.</summary>
internal interface IScoringModel
{
    IReadOnlyList<string> Channels { get; }

    ModelInfo Info { get; }

    /// <summary>Scores runs, each alone; <paramref name="asPartial"/> judges them as batches still running.
    /// </summary>
    IReadOnlyList<RunVerdict> Score(
        IReadOnlyList<Run> runs, bool includeStepErrors, bool asPartial, CancellationToken cancellationToken);

    ILiveSession StartLive(string runName);

    /// <summary>Writes the model file atomically.</summary>
    void Save(string path);
}
