namespace FermentEngine.Engine.Scoring;

/// <summary>Whether a run could be scored.</summary>
public enum RunStatus
{
    /// <summary>Scored; the statistics are valid.</summary>
    Scored,

    /// <summary>Not scorable (too short, bad cells, missing channels); <see cref="RunVerdict.Error"/> says why.
    /// </summary>
    Error,
}

/// <summary>One channel's share of a run's (or an alarm's) reconstruction error.</summary>
/// <param name="Channel">The exact channel name.</param>
/// <param name="Share">Fraction of the error, 0..1; the shares of all channels sum to 1.</param>
public sealed record ChannelContribution(string Channel, double Share);

/// <summary>The verdict on one run against a model's reference population of good runs.</summary>
/// <param name="Run">The run's name.</param>
/// <param name="Status">Scored or error; on error every statistic is NaN and <paramref name="Flagged"/> false.</param>
/// <param name="Error">Why the run was not scored, else null.</param>
/// <param name="Score">The run score: the highest moving-average reconstruction error (see remarks).</param>
/// <param name="Z">Robust z-score of <paramref name="Score"/> against the reference population.</param>
/// <param name="P">Upper-tail p-value from a Student-t prediction interval on the log score.</param>
/// <param name="Flagged">True when <paramref name="P"/> is below the model's significance level.</param>
/// <param name="FirstAlarmHours">Elapsed hours of the first persistent point alarm, else null.</param>
/// <param name="TopChannels">Channels contributing most to the first alarm (or to the score), largest first.</param>
/// <param name="PopulationSize">Number of good runs in the reference population.</param>
/// <param name="StepErrors">Per-step error <c>[time]</c> when asked for, else null.</param>
/// <param name="Warnings">Notes such as a constant channel leaving its training value.</param>
public sealed record RunVerdict(
    string Run,
    RunStatus Status,
    string? Error,
    double Score,
    double Z,
    double P,
    bool Flagged,
    double? FirstAlarmHours,
    IReadOnlyList<ChannelContribution> TopChannels,
    int PopulationSize,
    float[]? StepErrors,
    IReadOnlyList<string> Warnings)
{
    /// <summary>A verdict for a run that could not be scored.</summary>
    public static RunVerdict Failed(string run, string error, int populationSize) =>
        new(run, RunStatus.Error, error, double.NaN, double.NaN, double.NaN, false, null, [], populationSize,
            null, []);
}
