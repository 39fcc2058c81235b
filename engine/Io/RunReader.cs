using FermentEngine.Engine.Runs;
using nietras.SeparatedValues;

namespace FermentEngine.Engine.Io;

/// <summary>
/// Reads run files (<c>.csv</c>, or gzip-compressed <c>.csv.gz</c>, recognised by its magic bytes) into a
/// <see cref="RunSet"/> whose runs are views over one contiguous float32 buffer <c>[total steps × channel]</c>.
/// The IndPenSim layout is recognised by its header (batches split on <c>Batch ID</c>, labels from its reference
/// columns); any other file is read as a generic historian CSV as <see cref="CsvReadOptions"/> describes.
/// </summary>
/// <remarks>
/// <para>The file is streamed row by row; memory holds the output buffers and one row of text, plus a short look at
/// the first rows to settle the separator, decimal mark and time format.</para>
/// <para>Cells that are empty or not finite numbers (<c>NaN</c>, <c>inf</c>, text such as <c>Bad Input</c>) are
/// never read as 0: they become <see cref="float.NaN"/> and are listed in <see cref="Run.BadCells"/> (empty cells
/// of sparse channels excepted). Whatever the reader repairs or skips is said in <see cref="RunSet.Notes"/>.</para>
/// <para>Thread-safe: every call reads on its own.</para>
/// </remarks>
public static class RunReader
{
    /// <summary>Reads one file.</summary>
    /// <param name="path">The file; <c>.csv</c> or gzip.</param>
    /// <param name="options">How to read a generic CSV; null for the defaults.</param>
    /// <exception cref="FermentDataException">
    /// The file is missing, empty or malformed: empty or duplicate header names, a row with the wrong number of
    /// values, no numeric channel, an unreadable or backwards time, mixed decimal marks, or a run-id column that
    /// cannot be one; or the file cannot be read (a corrupt gzip stream). The message and properties name the file,
    /// line and column.
    /// </exception>
    public static RunSet Read(string path, CsvReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= new CsvReadOptions();
        if (!File.Exists(path))
        {
            throw new FermentDataException($"{path}: no such file.", path);
        }

        try
        {
            return ReadFile(path, options);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            // A corrupt gzip stream, an unterminated quote or a read failure: still a refusal that names the file.
            throw new FermentDataException($"{path}: cannot read the file: {e.Message}", path);
        }
    }

    private static RunSet ReadFile(string path, CsvReadOptions options)
    {
        bool gzip = CsvSource.IsGzip(path);
        CsvPeek peek = CsvPeek.Read(path, gzip, options.Separator,
            header => IndPenSimLayout.Matches(header) ? -2 : LayoutPlanner.TimeIndexOf(header, options));
        ColumnPlan plan = LayoutPlanner.Plan(path, new FileInfo(path).Length, gzip, peek, options);
        var sink = new RowSink(plan);
        using (SepReader reader = CsvSource.OpenSep(path, gzip, plan.Separator, plan.DecimalComma))
        {
            reader.MoveNext();
            foreach (SepReader.Row row in reader)
            {
                sink.Add(row);
            }
        }

        return RunSetAssembler.Build(plan, sink, options);
    }

    /// <summary>Reads several files with the same channels into one set over one contiguous buffer.</summary>
    /// <param name="paths">The files, in the order their runs should appear.</param>
    /// <param name="options">How to read them; the same for every file.</param>
    /// <exception cref="FermentDataException">
    /// A file cannot be read, or its channels differ from the first's.
    /// </exception>
    /// <exception cref="ArgumentException"><paramref name="paths"/> is empty.</exception>
    public static RunSet ReadMany(IEnumerable<string> paths, CsvReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var sets = new List<(string Path, RunSet Set)>();
        foreach (string path in paths)
        {
            RunSet set = Read(path, options);
            if (sets.Count > 0)
            {
                CheckSameChannels(sets[0], path, set);
            }

            sets.Add((path, set));
        }

        if (sets.Count == 0)
        {
            throw new ArgumentException("No files to read.", nameof(paths));
        }

        return sets.Count == 1 ? sets[0].Set : Merge(sets);
    }

    private static void CheckSameChannels((string Path, RunSet Set) first, string path, RunSet set)
    {
        IReadOnlyList<ChannelInfo> a = first.Set.Channels, b = set.Channels;
        for (int c = 0; c < Math.Max(a.Count, b.Count); c++)
        {
            if (c >= a.Count || c >= b.Count || a[c].Name != b[c].Name)
            {
                throw ReadErrors.ChannelsDiffer(path, first.Path, c < b.Count ? b[c].Name : a[c].Name);
            }
        }
    }

    private static RunSet Merge(List<(string Path, RunSet Set)> sets)
    {
        IReadOnlyList<ChannelInfo> channels = MergeKinds(sets);
        var buffer = new float[sets.Sum(s => s.Set.Runs.Sum(r => r.Values.Length))];
        var runs = new List<Run>();
        var notes = new List<string>();
        int offset = 0;
        foreach (var (path, set) in sets)
        {
            notes.AddRange(set.Notes.Select(n => $"{Path.GetFileName(path)}: {n}"));
            foreach (Run run in set.Runs)
            {
                run.Values.Span.CopyTo(buffer.AsSpan(offset));
                runs.Add(new Run(run.Name, channels, run.TimeHours, buffer.AsMemory(offset, run.Values.Length),
                    run.Labels, run.StepLabels, run.Source, run.BadCells));
                offset += run.Values.Length;
            }
        }

        var repeated = runs.GroupBy(r => r.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (repeated.Count > 0)
        {
            string names = string.Join(", ", repeated.Take(10)) + (repeated.Count > 10 ? ", ..." : "");
            notes.Add($"{repeated.Count} run name(s) appear in more than one file ({names}); RunSet.Find returns "
                + "the first.");
        }

        return new RunSet(buffer, runs, notes);
    }

    /// <summary>A channel sparse in any file is sparse in the merged set.</summary>
    private static ChannelInfo[] MergeKinds(List<(string Path, RunSet Set)> sets) =>
        sets[0].Set.Channels.Select((c, i) => sets.Any(s => s.Set.Channels[i].Kind == ChannelKind.Sparse)
            ? c with { Kind = ChannelKind.Sparse }
            : c).ToArray();
}
