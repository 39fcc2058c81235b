using System.Globalization;
using FermentEngine.Engine.Runs;

namespace FermentEngine.Engine.Preprocessing;

/// <summary>Finds and describes missing or non-finite cells in the selected channels of a run.</summary>
internal static class BadCellText
{
    /// <summary>One bad cell: where it is and what was written there.</summary>
    public sealed record Cell(string? Path, int? Line, string Run, double TimeHours, string Column, string Token);

    /// <summary>The bad cells of <paramref name="values"/> (selected channels of <paramref name="run"/>).</summary>
    public static List<Cell> Find(Run run, IReadOnlyList<string> channels, float[] values)
    {
        var cells = new List<Cell>();
        int channelCount = channels.Count;
        for (int i = 0; i < values.Length; i++)
        {
            if (float.IsFinite(values[i]))
            {
                continue;
            }

            int t = i / channelCount;
            string column = channels[i % channelCount];
            int? line = run.Source?.LineOfStep(t);
            cells.Add(new Cell(run.Source?.Path, line, run.Name, run.TimeHours.Span[t], column,
                TokenOf(run, line, column, values[i])));
        }

        return cells;
    }

    /// <summary>One cell: file line (or run), run and time, column and token.</summary>
    public static string Describe(Cell c) =>
        (c.Line is int line ? $"{Path.GetFileName(c.Path)} line {line}" : $"run {c.Run}")
        + $" (run {c.Run}, Time {c.TimeHours.ToString("0.###", CultureInfo.InvariantCulture)} h), "
        + $"column '{c.Column}': {(c.Token.Length == 0 ? "empty cell" : $"'{c.Token}'")}";

    /// <summary>One message listing up to <paramref name="limit"/> cells, then how many more there are.</summary>
    public static string Describe(List<Cell> cells, int limit)
    {
        var lines = cells.Take(limit).Select(Describe);
        string more = cells.Count > limit ? $"\n  ... and {cells.Count - limit} more." : "";
        return $"{cells.Count} missing or non-finite cell(s) in selected channels; fix the input, or train with a "
            + "missing-value policy that repairs them (--missing HoldLast or Interpolate):\n  "
            + string.Join("\n  ", lines) + more;
    }

    private static string TokenOf(Run run, int? line, string column, float value)
    {
        foreach (var bad in run.BadCells)
        {
            if (bad.Line == line && bad.Column == column)
            {
                return bad.Token;
            }
        }

        return float.IsNaN(value) ? "NaN" : value > 0 ? "inf" : "-inf";
    }
}
