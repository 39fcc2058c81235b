using System.Globalization;
using FermentEngine.Engine.Runs;

namespace FermentEngine.Engine.Io;

/// <summary>Turns the collected rows into a <see cref="RunSet"/> over one contiguous buffer.</summary>
internal static class RunSetAssembler
{
    public static RunSet Build(ColumnPlan plan, RowSink sink, CsvReadOptions options)
    {
        if (sink.Rows == 0)
        {
            throw ReadErrors.NoDataRows(plan.Path);
        }

        if (sink.MixedMarks.Count > 0)
        {
            int channel = sink.MixedMarks[0].Channel;
            var cells = sink.MixedMarks.Where(m => m.Channel == channel).Select(m => (m.Line, m.Token)).ToList();
            throw ReadErrors.MixedDecimalMarks(plan.Path, plan.Channels[channel].Name, cells, plan.DecimalComma);
        }

        var notes = new List<string>(plan.Notes);
        List<RunSpan> spans = RunSplitter.Split(plan, sink, notes, out int keyUsed);
        CheckTimeOrder(plan, sink, keyUsed);
        double[] time = sink.Time.ToTrimmedArray();
        if (plan.Time.IsDateTime)
        {
            foreach (RunSpan span in spans)
            {
                double first = time[span.Start];
                for (int row = span.Start; row < span.End; row++)
                {
                    time[row] -= first;
                }
            }
        }

        ChannelInfo[] channels = ChannelKinds(plan, sink, options, notes);
        float[] values = sink.Values.ToTrimmedArray();
        List<BadCell>[] bad = BadCells(plan, sink, spans, channels, time);
        var runs = new List<Run>(spans.Count);
        for (int r = 0; r < spans.Count; r++)
        {
            RunSpan span = spans[r];
            (var labels, var steps) = RunLabelsOf(plan, sink, span);
            runs.Add(new Run(span.Name, channels, time.AsMemory(span.Start, span.Count),
                values.AsMemory(span.Start * channels.Length, span.Count * channels.Length), labels, steps,
                SourceOf(plan, sink, span), bad[r]));
        }

        SummaryNotes(sink, runs, notes);
        return new RunSet(values, runs, notes);
    }

    private static void CheckTimeOrder(ColumnPlan plan, RowSink sink, int keyUsed)
    {
        bool restartSplits = keyUsed < 0 && plan.SplitOnTimeRestart;
        TimeStepBack? back = restartSplits ? null : sink.FirstBackwards[keyUsed < 0 ? sink.Keys.Length : keyUsed];
        if (back is not null)
        {
            throw ReadErrors.TimeBackwards(plan.Path, back, plan.Names[plan.TimeIndex], plan.Time.IsNaiveClock);
        }
    }

    private static ChannelInfo[] ChannelKinds(ColumnPlan plan, RowSink sink, CsvReadOptions options, List<string> notes)
    {
        var channels = new ChannelInfo[plan.Channels.Length];
        var sparse = new List<string>();
        long sparseEmpty = 0;
        for (int c = 0; c < channels.Length; c++)
        {
            double fill = (double)(sink.Rows - sink.EmptyCount[c]) / sink.Rows;
            bool isSparse = plan.AlwaysSparse[c] || fill < options.SparseThreshold;
            channels[c] = plan.Channels[c] with { Kind = isSparse ? ChannelKind.Sparse : ChannelKind.Continuous };
            if (isSparse)
            {
                sparse.Add(string.Create(CultureInfo.InvariantCulture,
                    $"`{channels[c].Name}` {100 * fill:0.#}% ({sink.Rows - sink.EmptyCount[c]} of {sink.Rows} rows)"));
                sparseEmpty += sink.EmptyCount[c];
            }
        }

        if (sparse.Count > 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"{sparse.Count} sparse channel(s) (filled on fewer than {100 * options.SparseThreshold:0.#}% of rows, "
                + $"or offline assays), kept with NaN where empty ({sparseEmpty} empty cells, not bad cells): "
                + $"{string.Join("; ", sparse)}."));
        }

        return channels;
    }

    private static List<BadCell>[] BadCells(
        ColumnPlan plan, RowSink sink, List<RunSpan> spans, ChannelInfo[] channels, double[] time)
    {
        var cells = new List<(int Row, int Channel, string Token)>(sink.BadTokens);
        foreach (long packed in sink.EmptyCells.Span)
        {
            int channel = (int)(packed & 0xffffffff);
            if (channels[channel].Kind == ChannelKind.Continuous)
            {
                cells.Add(((int)(packed >> 32), channel, ""));
            }
        }

        cells.Sort((a, b) => a.Row != b.Row ? a.Row.CompareTo(b.Row) : a.Channel.CompareTo(b.Channel));
        var perRun = spans.Select(_ => new List<BadCell>()).ToArray();
        int run = 0;
        foreach (var (row, channel, token) in cells)
        {
            while (row >= spans[run].End)
            {
                run++;
            }

            perRun[run].Add(new BadCell(sink.Lines[row], plan.Channels[channel].Name, token, spans[run].Name,
                time[row]));
        }

        return perRun;
    }

    private static (Dictionary<string, string>, Dictionary<string, float[]>) RunLabelsOf(
        ColumnPlan plan, RowSink sink, RunSpan span)
    {
        var labels = new Dictionary<string, string>();
        var steps = new Dictionary<string, float[]>();
        for (int i = 0; i < plan.Labels.Length; i++)
        {
            LabelSpec spec = plan.Labels[i];
            KeyColumn column = sink.Labels[i];
            ReadOnlySpan<int> ids = column.Rows.Span.Slice(span.Start, span.Count);
            if (spec.StepLabel is { } stepName)
            {
                float[] numbers = column.Texts.Select(ParseLabel).ToArray();
                var series = new float[ids.Length];
                for (int s = 0; s < ids.Length; s++)
                {
                    series[s] = ids[s] >= 0 ? numbers[ids[s]] : float.NaN;
                }

                steps[stepName] = series;
            }

            if (spec.RunLabel is { } runName && ids[0] >= 0 && !ids.ContainsAnyExcept(ids[0]))
            {
                string text = column.Texts[ids[0]];
                labels[runName] = spec.MapRunValue is { } map ? map(text) : text;
            }
        }

        return (labels, steps);
    }

    private static float ParseLabel(string text) =>
        float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out float v) ? v : float.NaN;

    private static RunSource SourceOf(ColumnPlan plan, RowSink sink, RunSpan span)
    {
        ReadOnlySpan<int> lines = sink.Lines.Span.Slice(span.Start, span.Count);
        bool consecutive = lines[^1] - lines[0] == lines.Length - 1;
        return new RunSource(plan.Path, lines[0], consecutive ? null : lines.ToArray());
    }

    private static void SummaryNotes(RowSink sink, List<Run> runs, List<string> notes)
    {
        if (sink.BlankLines > 0)
        {
            notes.Add($"Skipped {sink.BlankLines} blank line(s).");
        }

        int bad = runs.Sum(r => r.BadCells.Count);
        if (bad > 0)
        {
            BadCell first = runs.First(r => r.BadCells.Count > 0).BadCells[0];
            notes.Add($"{bad} cell(s) are not finite numbers (empty, NaN, inf or text) and were kept as missing "
                + $"values; the first is at {first}, and `fermentctl inspect` lists them.");
        }

        notes.AddRange(SamplingNotes.Describe(runs));
    }
}
