using FermentEngine.Engine.Scoring;

namespace FermentEngine.Server.EngineAccess;

/// <summary>One running batch being scored sample by sample; not thread-safe.</summary>
internal interface ILiveSession
{
    LiveVerdict Push(double timeHours, ReadOnlySpan<float> sample);
}
