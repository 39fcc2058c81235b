using System.Globalization;
using System.Text.Json;
using FermentEngine.Engine.Scoring;

namespace FermentEngine.Cli.Output;

/// <summary>Prints verdicts as an aligned table or as JSON (<c>{"runs": [...]}</c>).</summary>
internal static class VerdictTable
{
    /// <summary>Top channels shown after a significant drift, so that the column stays readable.</summary>
    private const int ChannelsAfterDrift = 2;

    private static readonly JsonSerializerOptions s_json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    /// <summary>One table row: the verdict plus an optional category column.</summary>
    public sealed record Row(RunVerdict Verdict, string? Category = null, string? Note = null);

    public static void Write(TextWriter output, IReadOnlyList<Row> rows)
    {
        bool categories = rows.Any(r => r.Category is not null);
        var header = new List<string> { "run" };
        if (categories)
        {
            header.Add("category");
        }

        header.AddRange(["score", "z", "p", "flagged", "first alarm (h)", "top channels"]);
        var cells = rows.Select(r => Cells(r, categories)).ToList();
        int[] widths = header.Select((h, i) => cells.Select(c => c[i].Length).Append(h.Length).Max()).ToArray();
        output.WriteLine(Format(header, widths));
        output.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in cells)
        {
            output.WriteLine(Format(row, widths));
        }

        foreach (var row in rows.Where(r => r.Verdict.Error is not null || r.Verdict.Warnings.Count > 0))
        {
            foreach (string text in row.Verdict.Warnings.Prepend(row.Verdict.Error).OfType<string>())
            {
                output.WriteLine($"  {row.Verdict.Run}: {text}");
            }
        }
    }

    public static void WriteJson(TextWriter output, IReadOnlyList<Row> rows, object? extra = null)
    {
        var runs = rows.Select(r => new
        {
            run = r.Verdict.Run,
            category = r.Category,
            status = r.Verdict.Status.ToString().ToLowerInvariant(),
            error = r.Verdict.Error,
            score = Finite(r.Verdict.Score),
            z = Finite(r.Verdict.Z),
            p = Finite(r.Verdict.P),
            flagged = r.Verdict.Flagged,
            firstAlarmHours = r.Verdict.FirstAlarmHours,
            topChannels = r.Verdict.TopChannels.Select(c => new { channel = c.Channel, share = c.Share }),
            drift = r.Verdict.Drift is { } d
                ? new { channel = d.Channel, offset = Finite(d.Offset), z = Finite(d.Z), p = Finite(d.P),
                    onsetHours = d.OnsetHours }
                : null,
            populationSize = r.Verdict.PopulationSize,
            warnings = r.Verdict.Warnings,
            note = r.Note,
        });
        output.WriteLine(JsonSerializer.Serialize(new { runs, summary = extra }, s_json));
    }

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;

    private static string[] Cells(Row row, bool categories)
    {
        var v = row.Verdict;
        var cells = new List<string> { v.Run };
        if (categories)
        {
            cells.Add(row.Category ?? "");
        }

        if (v.Status == RunStatus.Error)
        {
            cells.AddRange(["-", "-", "-", "error", "-", "see below"]);
            return [.. cells];
        }

        cells.Add(v.Score.ToString("G4", CultureInfo.InvariantCulture));
        cells.Add(v.Z.ToString("0.00", CultureInfo.InvariantCulture));
        cells.Add(PValueText.Format(v.P));
        cells.Add(v.Flagged ? "FLAGGED" : "no");
        cells.Add(v.FirstAlarmHours?.ToString("0.0", CultureInfo.InvariantCulture) ?? "-");
        cells.Add(TopChannels(v));
        return [.. cells];
    }

    // Whenever the drift test alone is significant (only then has it an onset), the cell leads with the drift: the
    // top channels describe the reconstruction error around a point alarm or the score's peak, and an earlier point
    // alarm on other channels would otherwise hide a drift that decided the run. Two channels follow it at most.
    private static string TopChannels(RunVerdict v)
    {
        var channels = v.TopChannels.Select(c =>
            string.Create(CultureInfo.InvariantCulture, $"{ShortName(c.Channel)} {c.Share:P0}"));
        if (v.Drift is not { OnsetHours: not null } drift)
        {
            return string.Join(", ", channels);
        }

        string text = string.Create(CultureInfo.InvariantCulture,
            $"{ShortName(drift.Channel)} drift {drift.Offset:+0.00;-0.00;0.00}σ");
        return string.Join(", ", channels.Take(ChannelsAfterDrift).Prepend(text));
    }

    // IndPenSim names carry a long unit suffix in parentheses; the table shows the part before it.
    private static string ShortName(string channel)
    {
        int paren = channel.IndexOf('(');
        return paren > 0 ? channel[..paren].Trim() : channel;
    }

    private static string Format(IReadOnlyList<string> cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => c.PadRight(widths[i]))).TrimEnd();
}
