namespace FermentEngine.Cli.Remote;

/// <summary>The end of one replayed run.</summary>
/// <param name="Samples">Samples sent and answered.</param>
/// <param name="Alarms">Alarms raised (each start of an alarm counts once).</param>
/// <param name="FirstAlarmHours">Elapsed hours of the first alarm, else null.</param>
internal sealed record ReplaySummary(int Samples, int Alarms, double? FirstAlarmHours);
