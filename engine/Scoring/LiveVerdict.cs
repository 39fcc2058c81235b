namespace FermentEngine.Engine.Scoring;

/// <summary>The state of a running batch after one more sample.</summary>
/// <param name="Step">0-based index of the sample just received.</param>
/// <param name="TimeHours">Its elapsed time in hours.</param>
/// <param name="RunningScore">The run score of the batch so far.</param>
/// <param name="Z">Robust z of the running score against reference runs at the same elapsed time.</param>
/// <param name="P">The batch's p-value so far: the running score and the drift test against reference runs at the
/// same elapsed time, combined as in <see cref="RunVerdict.P"/>; after <see cref="LiveScorer.Complete"/>, against
/// whole reference runs, as for a finished run.</param>
/// <param name="Alarm">True while a persistent point alarm is active.</param>
/// <param name="FirstAlarmHours">Time of the first alarm of this batch (as in
/// <see cref="RunVerdict.FirstAlarmHours"/>), else null.</param>
/// <param name="TopChannels">Channels contributing most to the current step's error.</param>
public sealed record LiveVerdict(
    int Step,
    double TimeHours,
    double RunningScore,
    double Z,
    double P,
    bool Alarm,
    double? FirstAlarmHours,
    IReadOnlyList<ChannelContribution> TopChannels)
{
    /// <summary>The drift test so far, once a whole drift window has been judged; else null.</summary>
    public ChannelDrift? Drift { get; init; }
}
