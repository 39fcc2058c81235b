namespace FermentEngine.Engine.Scoring;

/// <summary>Scores one running batch sample by sample with bounded memory. Not thread-safe.</summary>
public sealed class LiveScorer
{
    /// <summary>Adds one sample (one value per model channel, in <see cref="FermentModel.Channels"/> order).</summary>
    public LiveVerdict Push(double timeHours, ReadOnlySpan<float> sample) => throw new NotImplementedException();
}
