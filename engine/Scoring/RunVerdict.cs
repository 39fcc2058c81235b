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

/// <summary>The channel whose sustained offset from the reference trajectory is least like the good runs'.</summary>
/// <param name="Channel">The exact channel name.</param>
/// <param name="Offset">Its largest mean offset over the drift window, signed, in spreads of the channel.</param>
/// <param name="Z">z of the (logged) offset against the reference runs' offsets.</param>
/// <param name="P">Upper-tail p-value of the offset, multiplied by the number of channels tested.</param>
/// <param name="OnsetHours">When the drift test alone is significant: the elapsed hours at which the offset first
/// passed its limit; else null.</param>
public sealed record ChannelDrift(string Channel, double Offset, double Z, double P, double? OnsetHours);

/// <summary>The verdict on one run against a model's reference population of good runs.</summary>
/// <param name="Run">The run's name.</param>
/// <param name="Status">Scored or error; on error every statistic is NaN and <paramref name="Flagged"/> false.</param>
/// <param name="Error">Why the run was not scored, else null.</param>
/// <param name="Score">The run score: the highest moving-average reconstruction error (see remarks).</param>
/// <param name="Z">z-score of the log <paramref name="Score"/> against the reference population.</param>
/// <param name="P">The run's p-value: from a Student-t prediction interval on the log score, combined with the
/// drift test (<see cref="Drift"/>) as twice the smaller of the two.</param>
/// <param name="Flagged">True when <paramref name="P"/> is below the model's significance level.</param>
/// <param name="FirstAlarmHours">Elapsed hours of the first of: a persistent point alarm, the onset of a significant
/// drift, the time the run score became significant on its own; else null.</param>
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
    /// <summary>The drift test's finding, or null when it was not made (the test is off, or the run is shorter than
    /// its window).</summary>
    public ChannelDrift? Drift { get; init; }

    /// <summary>A verdict for a run that could not be scored.</summary>
    public static RunVerdict Failed(string run, string error, int populationSize) =>
        new(run, RunStatus.Error, error, double.NaN, double.NaN, double.NaN, false, null, [], populationSize,
            null, []);
}
