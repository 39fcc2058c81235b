using FermentEngine.Engine.Runs;

namespace FermentEngine.Engine.Io;

/// <summary>Settles a <see cref="ColumnPlan"/> from a file's header and first rows.</summary>
internal static class LayoutPlanner
{
    private static readonly string[] s_timeNames = ["time (h)", "time", "timestamp", "datetime", "date time", "date"];
    private static readonly string[] s_runNames = ["batch id", "batch", "batch_id", "run", "run id", "run_id"];

    public static int TimeIndexOf(string[] header, CsvReadOptions options)
    {
        if (options.TimeColumn is { } name)
        {
            return Array.IndexOf(header, name);
        }

        foreach (string candidate in s_timeNames)
        {
            int i = Array.FindIndex(header, h => h.Trim().Equals(candidate, StringComparison.OrdinalIgnoreCase));
            if (i >= 0)
            {
                return i;
            }
        }

        // "Time (min)", "Time (s)", "Time [h]": a time column with its unit.
        return Array.FindIndex(header, h => h.StartsWith("time (", StringComparison.OrdinalIgnoreCase)
            || h.StartsWith("time [", StringComparison.OrdinalIgnoreCase));
    }

    public static ColumnPlan Plan(string path, long fileBytes, bool gzip, CsvPeek peek, CsvReadOptions options)
    {
        CheckHeader(path, peek.Header);
        if (peek.RowCount == 0)
        {
            throw ReadErrors.NoDataRows(path);
        }

        ColumnPlan plan = IndPenSimLayout.Matches(peek.Header)
            ? IndPenSimLayout.Plan(path, peek, options)
            : Generic(path, peek, options);
        double bytesPerRow = Math.Max(peek.CharsPerRow, 1) / (gzip ? 3.0 : 1.0);
        int estimate = (int)Math.Min(fileBytes / bytesPerRow * 1.05 + 16, 1 << 26);
        plan.EstimatedRows = estimate;
        return plan;
    }

    private static void CheckHeader(string path, string[] header)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int c = 0; c < header.Length; c++)
        {
            if (string.IsNullOrWhiteSpace(header[c]))
            {
                throw ReadErrors.EmptyHeaderName(path, c);
            }

            if (!seen.TryAdd(header[c], c))
            {
                throw ReadErrors.DuplicateHeader(path, header[c], seen[header[c]], c);
            }
        }
    }

    private static ColumnPlan Generic(string path, CsvPeek peek, CsvReadOptions options)
    {
        string[] names = peek.Header;
        var notes = new List<string>();
        int time = TimeIndexOf(names, options);
        if (time < 0)
        {
            throw options.TimeColumn is { } t
                ? ReadErrors.MissingColumn(path, "time column", t, names)
                : ReadErrors.NoTimeColumn(path, names);
        }

        int run = RunIndexOf(path, names, options, notes);
        int[] labels = options.LabelColumns.Select(l => IndexOrThrow(path, names, l, "label column")).ToArray();
        bool comma = DecimalComma(peek, options, notes);
        var parser = TimeAxisParser.Detect(peek.TimeTokens, options, HoursPerUnit(names[time], options), comma, path)
            ?? throw ReadErrors.BadTime(path, 2, names[time], peek.TimeTokens.FirstOrDefault() ?? "",
                "a number or a date-time (ISO-8601, or give the date-time format)");
        int[] channelSource = SelectChannels(path, peek, [time, run, .. labels], notes);
        ChannelInfo[] channels = channelSource.Select(c => new ChannelInfo(names[c], ChannelUnits.FromName(names[c])))
            .ToArray();
        return new ColumnPlan
        {
            Path = path,
            Names = names,
            ValuesPerRow = names.Length,
            TimeIndex = time,
            Time = parser,
            ChannelSource = channelSource,
            Channels = channels,
            AlwaysSparse = new bool[channels.Length],
            RunKeys = run >= 0 ? [new LabelSpec(run, names[run], null, null)] : [],
            Labels = labels.Select(l => new LabelSpec(l, names[l], names[l], names[l])).ToArray(),
            RefuseBadRunKey = true,
            DecimalComma = comma,
            Separator = peek.Separator,
            Notes = notes,
        };
    }

    /// <summary>Every column not excluded and not text in the first rows; text columns are noted.</summary>
    private static int[] SelectChannels(string path, CsvPeek peek, int[] excluded, List<string> notes)
    {
        string[] names = peek.Header;
        var channelSource = new List<int>();
        var textColumns = new List<string>();
        for (int c = 0; c < names.Length; c++)
        {
            if (excluded.Contains(c))
            {
                continue;
            }

            bool text = c < peek.TextCount.Length && peek.TextCount[c] > 0 && peek.NumericCount[c] == 0;
            if (text)
            {
                textColumns.Add(names[c]);
            }
            else
            {
                channelSource.Add(c);
            }
        }

        if (channelSource.Count == 0)
        {
            throw ReadErrors.NoNumericChannel(path, textColumns);
        }

        if (textColumns.Count > 0)
        {
            notes.Add($"Skipped {textColumns.Count} text column(s), not channels: "
                + string.Join(", ", textColumns.Select(c => $"`{c}`")) + ".");
        }

        return channelSource.ToArray();
    }

    private static int RunIndexOf(string path, string[] names, CsvReadOptions options, List<string> notes)
    {
        if (options.RunColumn is { } name)
        {
            return IndexOrThrow(path, names, name, "run column");
        }

        foreach (string candidate in s_runNames)
        {
            int i = Array.FindIndex(names, h => h.Trim().Equals(candidate, StringComparison.OrdinalIgnoreCase));
            if (i >= 0)
            {
                notes.Add($"Took `{names[i]}` as the run-id column (by its name).");
                return i;
            }
        }

        return -1;
    }

    private static int IndexOrThrow(string path, string[] names, string name, string what)
    {
        int i = Array.IndexOf(names, name);
        return i >= 0 ? i : throw ReadErrors.MissingColumn(path, what, name, names);
    }

    private static bool DecimalComma(CsvPeek peek, CsvReadOptions options, List<string> notes)
    {
        bool possible = peek.Separator is ';' or '\t';
        if (options.DecimalComma is bool declared)
        {
            if (declared && !possible)
            {
                notes.Add($"Ignored the declared decimal comma: the separator is '{peek.Separator}', so numbers "
                    + "cannot contain commas; read with a decimal point.");
            }

            return declared && possible;
        }

        int commas = peek.CommaCount.Sum(), dots = peek.DotCount.Sum();
        bool comma = possible && commas > dots;
        if (comma)
        {
            notes.Add($"Detected '{(peek.Separator == '\t' ? "tab" : peek.Separator)}' as separator and decimal "
                + $"commas ({commas} of the first rows' numbers, e.g. 1,5 = 1.5).");
        }

        return comma;
    }

    private static double HoursPerUnit(string timeName, CsvReadOptions options)
    {
        string named = timeName.EndsWith(']') ? timeName[(timeName.LastIndexOf('[') + 1)..^1]
            : ChannelUnits.FromName(timeName);
        TimeUnit unit = options.TimeUnit ?? (named.Trim().ToLowerInvariant() switch
        {
            "min" or "minutes" or "minute" => TimeUnit.Minutes,
            "s" or "sec" or "seconds" or "second" => TimeUnit.Seconds,
            _ => TimeUnit.Hours,
        });
        return unit switch { TimeUnit.Minutes => 1.0 / 60, TimeUnit.Seconds => 1.0 / 3600, _ => 1.0 };
    }
}
