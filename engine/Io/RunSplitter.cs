using System.Globalization;

namespace FermentEngine.Engine.Io;

/// <summary>Cuts the rows into runs: on the first usable run-id column, else on a time restart, else one run.</summary>
internal static class RunSplitter
{
    /// <summary>Returns the runs and the index of the run-id column used (-1: time restart or whole file).</summary>
    public static List<RunSpan> Split(ColumnPlan plan, RowSink sink, List<string> notes, out int keyUsed)
    {
        for (keyUsed = 0; keyUsed < sink.Keys.Length; keyUsed++)
        {
            KeyColumn key = sink.Keys[keyUsed];
            string? problem = Check(plan, sink, key);
            if (problem is null && ByKey(plan, sink, key) is { } spans)
            {
                notes.Add($"Split {sink.Rows} rows into {spans.Count} runs on `{key.Name}`.");
                return spans;
            }

            notes.Add($"Did not split runs on `{key.Name}`: {problem ?? "its runs are not consecutive"}.");
        }

        keyUsed = -1;
        return plan.SplitOnTimeRestart ? ByTimeRestart(plan, sink, notes) : [new(plan.RunNameForFile, 0, sink.Rows)];
    }

    /// <summary>Why a column cannot name runs, or null; throws where the plan refuses bad run-id columns.</summary>
    private static string? Check(ColumnPlan plan, RowSink sink, KeyColumn key)
    {
        if (key.Overflowed)
        {
            return Refuse(plan, $"more than {KeyColumn.MaxDistinct} distinct values", sink, key, 0);
        }

        int empty = key.Texts.ToList().IndexOf("");
        if (empty >= 0)
        {
            int row = FirstRowWith(key, empty);
            return plan.RefuseBadRunKey
                ? throw ReadErrors.EmptyRunId(plan.Path, sink.Lines[row], key.Name)
                : "it has empty cells";
        }

        int nonInteger = key.Texts.Count(t => !IsInteger(t));
        bool nearlyAllDistinct = key.Texts.Count > sink.Rows / 2;
        if (nonInteger > 0 && (nearlyAllDistinct || !plan.RefuseBadRunKey))
        {
            int id = key.Texts.ToList().FindIndex(t => !IsInteger(t));
            return Refuse(plan, $"{nonInteger} non-integer values", sink, key, FirstRowWith(key, id));
        }

        return null;
    }

    private static string Refuse(ColumnPlan plan, string problem, RowSink sink, KeyColumn key, int row)
    {
        if (!plan.RefuseBadRunKey)
        {
            return problem;
        }

        string example = key.Texts.FirstOrDefault(t => !IsInteger(t)) ?? key.TextOf(row);
        throw ReadErrors.FloatRunIds(plan.Path, key.Name, key.Texts.Count, sink.Rows, example, sink.Lines[row],
            SuggestRunColumn(plan, sink));
    }

    private static List<RunSpan>? ByKey(ColumnPlan plan, RowSink sink, KeyColumn key)
    {
        var spans = new List<RunSpan>();
        var seen = new HashSet<int>();
        int start = 0;
        for (int row = 1; row <= sink.Rows; row++)
        {
            if (row < sink.Rows && key.Rows[row] == key.Rows[start])
            {
                continue;
            }

            if (!seen.Add(key.Rows[start]))
            {
                return plan.RefuseBadRunKey
                    ? throw ReadErrors.RunNotContiguous(plan.Path, sink.Lines[start], key.Name, key.TextOf(start))
                    : null;
            }

            string text = key.TextOf(start);
            spans.Add(new RunSpan(plan.IntegerRunNames ? IndPenSimLayout.Integer(text) : text, start, row - start));
            start = row;
        }

        return spans;
    }

    private static List<RunSpan> ByTimeRestart(ColumnPlan plan, RowSink sink, List<string> notes)
    {
        var spans = new List<RunSpan>();
        int start = 0;
        for (int row = 1; row <= sink.Rows; row++)
        {
            if (row == sink.Rows || sink.Time[row] < sink.Time[row - 1])
            {
                spans.Add(new RunSpan((spans.Count + 1).ToString(CultureInfo.InvariantCulture), start, row - start));
                start = row;
            }
        }

        notes.Add($"Split {sink.Rows} rows into {spans.Count} runs where `{plan.Names[plan.TimeIndex]}` restarts; "
            + "runs are numbered in file order.");
        return spans;
    }

    /// <summary>An integer-valued channel that changes rarely, preferring names that say batch, run or id.</summary>
    private static string? SuggestRunColumn(ColumnPlan plan, RowSink sink)
    {
        int channels = plan.Channels.Length;
        ReadOnlySpan<float> values = sink.Values.Span;
        string? best = null;
        foreach (int c in Enumerable.Range(0, channels))
        {
            int changes = 0;
            bool integer = true;
            for (int row = 0; row < sink.Rows && integer; row++)
            {
                float v = values[row * channels + c];
                integer = float.IsFinite(v) && v == MathF.Floor(v);
                changes += row > 0 && v != values[(row - 1) * channels + c] ? 1 : 0;
            }

            string name = plan.Channels[c].Name;
            bool named = name.Contains("batch", StringComparison.OrdinalIgnoreCase)
                || name.Contains("run", StringComparison.OrdinalIgnoreCase);
            if (integer && changes >= 1 && changes <= sink.Rows / 10 && (best is null || named))
            {
                best = name;
            }
        }

        return best;
    }

    private static int FirstRowWith(KeyColumn key, int id)
    {
        for (int row = 0; row < key.Rows.Count; row++)
        {
            if (key.Rows[row] == id)
            {
                return row;
            }
        }

        return 0;
    }

    private static bool IsInteger(string text) =>
        long.TryParse(text.AsSpan().Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out _)
        || (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v)
            && v == Math.Floor(v));
}
