using System.Globalization;
using FermentEngine.Engine.Exploration;
using FermentEngine.Engine.Runs;

namespace FermentEngine.Cli.Commands;

/// <summary>The inspect report for a terminal: overview, histogram of rows per run, tables, notes.</summary>
internal static class InspectTextReport
{
    private const int HistogramBins = 10;
    private const int BarWidth = 40;
    private const int MaxBadCellsListed = 20;
    private const int SignificantDigits = 4;

    public static void Write(RunSetSummary s, IReadOnlyList<string> files, TextWriter o)
    {
        int sparse = s.Channels.Count(c => c.Kind == ChannelKind.Sparse);
        o.WriteLine(string.Create(Inv, $"{files.Count} file(s): {s.RunCount} runs, {s.TotalRows:N0} rows, "
            + $"{s.Channels.Count} channels ({sparse} sparse)."));
        string outliers = s.LengthOutliers.Count == 0 ? "none" : string.Join(", ", s.LengthOutliers);
        o.WriteLine(string.Create(Inv, $"Rows per run: mean {s.MeanRows:0.#}, σ {s.RowsStdDev:0.#}; length outliers "
            + $"(outside mean ± {RunSetSummary.OutlierSigmas}σ): {outliers}."));
        o.WriteLine();
        WriteHistogram(s, o);
        WriteRuns(s, o);
        WriteChannels(s, o);
        o.WriteLine("Label counts:");
        foreach (LabelCount count in s.LabelCounts)
        {
            o.WriteLine(string.Create(Inv, $"  {(count.Key.Length == 0 ? "(no labels)" : count.Key)}: {count.Count}"));
        }

        o.WriteLine();
        o.WriteLine(string.Create(Inv, $"Bad cells (kept as NaN): {s.BadCells.Count}"));
        foreach (BadCell cell in s.BadCells.Take(MaxBadCellsListed))
        {
            o.WriteLine($"  {cell}");
        }

        o.WriteLine();
        o.WriteLine("Notes:");
        foreach (string note in s.Notes)
        {
            o.WriteLine($"  - {note}");
        }
    }

    private static void WriteHistogram(RunSetSummary s, TextWriter o)
    {
        if (s.RunCount == 0)
        {
            return;
        }

        int min = s.Runs.Min(r => r.Rows), max = s.Runs.Max(r => r.Rows);
        int width = Math.Max(1, (int)Math.Ceiling((max - min + 1) / (double)HistogramBins));
        int bins = (max - min) / width + 1;
        var counts = new int[bins];
        foreach (RunSummary run in s.Runs)
        {
            counts[(run.Rows - min) / width]++;
        }

        o.WriteLine("Rows per run:");
        int top = counts.Max();
        for (int b = 0; b < bins; b++)
        {
            int from = min + b * width, to = from + width - 1;
            string bar = new('#', (int)Math.Ceiling(BarWidth * counts[b] / (double)top));
            o.WriteLine(string.Create(Inv, $"  {from,7}–{to,-7} | {bar} {counts[b]}"));
        }

        o.WriteLine();
    }

    private static void WriteRuns(RunSetSummary s, TextWriter o)
    {
        o.WriteLine(string.Create(Inv, $"  {"run",-10} {"rows",7} {"length h",9} {"step h",8} {"gaps",5} "
            + $"{"dups",5} {"bad",5}  labels"));
        foreach (RunSummary r in s.Runs)
        {
            string labels = string.Join(", ", r.Labels.OrderBy(l => l.Key, StringComparer.Ordinal)
                .Select(l => $"{l.Key}={l.Value}"));
            string flag = r.IsLengthOutlier ? "  (length outlier)" : "";
            o.WriteLine(string.Create(Inv, $"  {r.Name,-10} {r.Rows,7} {Hours(r.LengthHours),9} "
                + $"{Hours(r.Sampling.MedianIntervalHours),8} "
                + $"{r.Sampling.GapCount,5} {r.Sampling.DuplicateCount,5} {r.BadCellCount,5}  {labels}{flag}"));
        }

        o.WriteLine();
    }

    private static void WriteChannels(RunSetSummary s, TextWriter o)
    {
        int nameWidth = Math.Min(60, s.Channels.Select(c => c.Name.Length).DefaultIfEmpty(4).Max());
        o.WriteLine(string.Create(Inv, $"  {"channel".PadRight(nameWidth)} {"kind",-10} {"min",12} {"max",12} "
            + $"{"mean",12} "
            + $"{"σ",12} {"missing",8}"));
        foreach (ChannelSummary c in s.Channels)
        {
            string kind = c.IsConstant ? "constant" : c.Kind == ChannelKind.Sparse ? "sparse" : "continuous";
            o.WriteLine(string.Create(Inv, $"  {c.Name.PadRight(nameWidth)} {kind,-10} {c.Min,12:G6} {c.Max,12:G6} "
                + $"{c.Mean,12:G6} "
                + $"{c.StdDev,12:G4} {c.MissingPercent,7:0.#}%"));
        }

        o.WriteLine();
    }

    /// <summary>Four significant digits, so that neither float noise (10.000000000019565) nor a fast sampling
    /// step (0.1 s) blurs the column: below 0.001 h (3.6 s) in exponent form, never 0 for a positive value.</summary>
    internal static string Hours(double hours)
    {
        if (hours == 0 || !double.IsFinite(hours))
        {
            return hours.ToString(Inv);
        }

        if (Math.Abs(hours) < 1e-3)
        {
            return hours.ToString("0.##e0", Inv);
        }

        int decimals = Math.Clamp(SignificantDigits - 1 - (int)Math.Floor(Math.Log10(Math.Abs(hours))), 0, 15);
        return Math.Round(hours, decimals, MidpointRounding.AwayFromZero).ToString("0.###############", Inv);
    }

    private static CultureInfo Inv => CultureInfo.InvariantCulture;
}
