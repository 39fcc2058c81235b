namespace FermentEngine.Server.Batching;

/// <summary>How the runs of a Score call are scored; calls share an engine call only when their modes match.
/// </summary>
/// <param name="IncludeStepErrors">Return each run's per-step error.</param>
/// <param name="AsPartial">The runs are still going (see <c>ScoreRequest.as_partial</c>).</param>
internal readonly record struct ScoreMode(bool IncludeStepErrors, bool AsPartial);
