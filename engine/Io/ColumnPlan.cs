using FermentEngine.Engine.Runs;

namespace FermentEngine.Engine.Io;

/// <summary>What the full pass does with each column of a file, settled from its header and first rows.</summary>
internal sealed class ColumnPlan
{
    public required string Path { get; init; }

    /// <summary>The column names by data index (after any header repair).</summary>
    public required string[] Names { get; init; }

    /// <summary>The number of values every data row must have.</summary>
    public required int ValuesPerRow { get; init; }

    public required int TimeIndex { get; init; }

    public required TimeAxisParser Time { get; init; }

    /// <summary>The data index of each channel.</summary>
    public required int[] ChannelSource { get; init; }

    /// <summary>The channels; their kind is settled after the pass (fill rate).</summary>
    public required ChannelInfo[] Channels { get; init; }

    /// <summary>Channels that are sparse whatever their fill rate (IndPenSim's offline assays).</summary>
    public required bool[] AlwaysSparse { get; init; }

    /// <summary>Run-id columns, best first; the first usable one splits the rows. Empty: one run.</summary>
    public required LabelSpec[] RunKeys { get; init; }

    public required LabelSpec[] Labels { get; init; }

    /// <summary>Whether a restart of the time column splits runs when no run-id column is usable.</summary>
    public bool SplitOnTimeRestart { get; init; }

    /// <summary>Whether a run-id column that cannot be an id is refused (generic) or passed over (IndPenSim).</summary>
    public bool RefuseBadRunKey { get; init; }

    /// <summary>Whether run names are normalised integers ("12" for "12.0").</summary>
    public bool IntegerRunNames { get; init; }

    public required bool DecimalComma { get; init; }

    public required char Separator { get; init; }

    /// <summary>Rows expected in the file, for the first buffer size.</summary>
    public int EstimatedRows { get; set; }

    /// <summary>What the planning repaired, detected or skipped.</summary>
    public required List<string> Notes { get; init; }

    public string FileName => System.IO.Path.GetFileName(Path);

    public string RunNameForFile
    {
        get
        {
            string name = FileName;
            foreach (string ext in (string[])[".gz", ".csv", ".tsv", ".txt"])
            {
                name = name.EndsWith(ext, StringComparison.OrdinalIgnoreCase) ? name[..^ext.Length] : name;
            }

            return name;
        }
    }
}
