namespace FermentEngine.Cli.Remote;

/// <summary>The end of one replayed run.</summary>
/// <param name="Samples">Samples sent and answered.</param>
/// <param name="Alarms">Alarms raised, point and drift alarms alike (each start of an alarm counts once).</param>
/// <param name="FirstAlarmHours">Elapsed hours of the first alarm (a point alarm's start or a drift's onset), else
/// null.</param>
internal sealed record ReplaySummary(int Samples, int Alarms, double? FirstAlarmHours);
