using System.Globalization;
using System.Runtime.CompilerServices;
using FermentEngine.Cli.Output;
using FermentEngine.Client;
using FermentEngine.Engine.Runs;
using FermentEngine.Protos.V1;

namespace FermentEngine.Cli.Remote;

/// <summary>
/// Replays a recorded run to a server as a live stream, sample by sample, and prints each alarm as it starts
/// and ends: point alarms with their contributing channels, drift alarms (the drift test alone significant) with
/// the drifting channel and its offset.
/// </summary>
internal sealed class LiveReplay(FermentClient client, TextWriter output)
{
    /// <summary>Samples per message when no pacing is asked for.</summary>
    private const int UnpacedBlockSteps = 64;

    /// <summary>Streams <paramref name="run"/>; <paramref name="speed"/> is the multiple of real time (e.g.
    /// 3600 plays an hour a second), 0 for as fast as the server answers.</summary>
    /// <exception cref="RemoteCallException">The run lacks a channel the model reads.</exception>
    /// <param name="significance">The model's level: the last line says whether the finished run is flagged.
    /// </param>
    public async Task<ReplaySummary> RunAsync(string modelId, uint version, Run run,
        IReadOnlyList<string> modelChannels, double speed, CancellationToken cancellationToken,
        double significance = 0.01)
    {
        int[] columns = modelChannels.Select(run.IndexOfChannel).ToArray();
        var missing = modelChannels.Where((_, m) => columns[m] < 0).ToList();
        if (missing.Count > 0)
        {
            throw new RemoteCallException(
                $"error: run '{run.Name}' lacks {string.Join(", ", missing.Select(c => $"'{c}'"))}, which model "
                + $"'{modelId}' reads.", RemoteErrors.Refused, new ArgumentException(run.Name));
        }

        var blocks = Blocks(run, columns, speed, cancellationToken);
        int samples = 0;
        int alarms = 0;
        bool inAlarm = false;
        bool pointAlarmSeen = false;
        bool drifting = false;
        double? driftOnset = null;
        LiveVerdict? last = null;
        await foreach (var verdict in client.StreamScoreAsync(modelId, run.Name, modelChannels, blocks, version,
            cancellationToken: cancellationToken))
        {
            if (verdict.Alarm != inAlarm)
            {
                alarms += verdict.Alarm ? 1 : 0;
                await output.WriteLineAsync(verdict.Alarm
                    ? DescribeAlarm(run.Name, verdict, firstOfRun: !pointAlarmSeen, driftOnset)
                    : DescribeClear(run.Name, verdict));
                pointAlarmSeen |= verdict.Alarm;
                inAlarm = verdict.Alarm;
            }

            // The drift test has an onset only while it alone is significant.
            bool driftNow = verdict.Drift is { HasOnsetHours: true };
            if (driftNow != drifting)
            {
                alarms += driftNow ? 1 : 0;
                driftOnset ??= driftNow ? verdict.Drift.OnsetHours : null;
                await output.WriteLineAsync(driftNow
                    ? DescribeDrift(run.Name, verdict)
                    : DescribeClear(run.Name, verdict, "drift"));
                drifting = driftNow;
            }

            samples = Math.Max(samples, (int)verdict.Received);
            last = verdict;
        }

        double? first = last is { HasFirstAlarmHours: true } ? last.FirstAlarmHours : null;
        await output.WriteLineAsync(DescribeEnd(run.Name, samples, first, last, significance));
        return new ReplaySummary(samples, alarms, first);
    }

    private static async IAsyncEnumerable<SampleBlock> Blocks(
        Run run, int[] columns, double speed, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        int blockSteps = speed > 0 ? 1 : UnpacedBlockSteps;
        for (int start = 0; start < run.StepCount; start += blockSteps)
        {
            if (speed > 0 && start > 0)
            {
                double hours = run.TimeHours.Span[start] - run.TimeHours.Span[start - 1];
                await Task.Delay(TimeSpan.FromHours(hours / speed), cancellationToken);
            }

            int steps = Math.Min(blockSteps, run.StepCount - start);
            yield return new SampleBlock(run.TimeHours.Slice(start, steps), Select(run, columns, start, steps));
        }
    }

    /// <summary>The model's columns of some steps, in the model's order.</summary>
    private static float[] Select(Run run, int[] columns, int start, int steps)
    {
        var values = new float[steps * columns.Length];
        for (int s = 0; s < steps; s++)
        {
            ReadOnlySpan<float> row = run.Row(start + s);
            for (int m = 0; m < columns.Length; m++)
            {
                values[(s * columns.Length) + m] = row[columns[m]];
            }
        }

        return values;
    }

    /// <param name="driftOnset">The onset of the first drift alarm before this one, or null.</param>
    private static string DescribeAlarm(string run, LiveVerdict v, bool firstOfRun, double? driftOnset)
    {
        string channels = string.Join(", ", v.TopChannels.Select(c =>
            string.Create(CultureInfo.InvariantCulture, $"{c.Channel} {c.Share * 100:0}%")));

        // An alarm is raised once the error has stayed over its limit for a while; the first one says since when,
        // unless the run's first alarm time is an earlier drift's onset.
        string onset = firstOfRun && v.HasFirstAlarmHours && v.FirstAlarmHours < v.TimeHours
            && v.FirstAlarmHours != driftOnset
            ? string.Create(CultureInfo.InvariantCulture, $", over the limit since {v.FirstAlarmHours:0.00} h")
            : "";
        // z is NaN where the reference has too few runs at that step; a dash says so.
        string z = double.IsNaN(v.Z) ? "-" : v.Z.ToString("0.0", CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture,
            $"{v.TimeHours,8:0.00} h  ALARM  {run}: {channels} (running score {v.RunningScore:G4}, z {z}{onset})");
    }

    private static string DescribeDrift(string run, LiveVerdict v)
    {
        ChannelDrift d = v.Drift;

        // The onset is the first sample at which the drift was significant; after a clear it is earlier than now.
        string onset = d.OnsetHours < v.TimeHours
            ? string.Create(CultureInfo.InvariantCulture, $", first at {d.OnsetHours:0.00} h")
            : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"{v.TimeHours,8:0.00} h  ALARM  {run}: {d.Channel} drift {d.Offset:+0.00;-0.00;0.00}σ "
            + $"(z {d.Z:0.0}, p {PValueText.Format(d.P)}{onset})");
    }

    private static string DescribeClear(string run, LiveVerdict v, string? what = null) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{v.TimeHours,8:0.00} h  clear  {run}{(what is null ? "" : $": {what}")}");

    private static string Verdict(double p, double significance) => p < significance ? "FLAGGED" : "not flagged";

    // The stream's last verdict is the finished run's verdict (the one score gives), so it says flagged or not.
    private static string DescribeEnd(string run, int samples, double? first, LiveVerdict? last, double significance)
    {
        string alarm = first is double h
            ? string.Create(CultureInfo.InvariantCulture, $"first alarm at {h:0.00} h")
            : "no alarm";
        string score = last switch
        {
            null => "",
            { Final: true } when double.IsNaN(last.P) => "; too short to judge as a finished run",
            _ => string.Create(CultureInfo.InvariantCulture,
                $"; score {last.RunningScore:G4}, p {PValueText.Format(last.P)}, {Verdict(last.P, significance)}"),
        };
        return $"{run}: {samples} samples, {alarm}{score}.";
    }
}
