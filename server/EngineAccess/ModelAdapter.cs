using FermentEngine.Engine.Runs;
using FermentEngine.Engine.Scoring;

namespace FermentEngine.Server.EngineAccess;

/// <summary>A <see cref="FermentModel"/> behind <see cref="IScoringModel"/>.</summary>
internal sealed class ModelAdapter(FermentModel model) : IScoringModel
{
    public IReadOnlyList<string> Channels => model.Channels;

    public ModelInfo Info => model.Info;

    public IReadOnlyList<RunVerdict> Score(
        IReadOnlyList<Run> runs, bool includeStepErrors, bool asPartial, CancellationToken cancellationToken) =>
        model.Score(runs, includeStepErrors, cancellationToken, asPartial);

    public ILiveSession StartLive(string runName) => new LiveAdapter(model.StartLive(runName));

    public void Save(string path) => model.Save(path);

    private sealed class LiveAdapter(LiveScorer scorer) : ILiveSession
    {
        public LiveVerdict Push(double timeHours, ReadOnlySpan<float> sample) => scorer.Push(timeHours, sample);

        public LiveVerdict? Complete() => scorer.Complete();
    }
}
