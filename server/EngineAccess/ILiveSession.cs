using FermentEngine.Engine.Scoring;

namespace FermentEngine.Server.EngineAccess;

/// <summary>One running batch being scored sample by sample; not thread-safe.</summary>
internal interface ILiveSession
{
    LiveVerdict Push(double timeHours, ReadOnlySpan<float> sample);

    /// <summary>Judges the steps still inside the look-ahead as if the run had ended; null before any sample.
    /// </summary>
    LiveVerdict? Complete();
}
