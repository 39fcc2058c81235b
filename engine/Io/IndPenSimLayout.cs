using System.Globalization;
using FermentEngine.Engine.Runs;

namespace FermentEngine.Engine.Io;

/// <summary>
/// The IndPenSim layout: <c>Time (h)</c>, 30 process and offline channels from <c>Aeration rate</c> to
/// <c>Viscosity</c>, then fault, control and PAT references, batch reference, <c>Batch ID</c>, <c>Fault flag</c>,
/// and in the public file 2,200 Raman columns headed by wavenumbers. The header's PAT reference name holds two
/// commas, so it stands as three names over one value; the plan merges them back.
/// </summary>
internal static class IndPenSimLayout
{
    public const string TimeName = "Time (h)";
    public const string BatchIdName = "Batch ID";
    public const string FaultFlagName = "Fault flag";
    public const string BatchRefName = "Batch reference(Batch_ref:Batch ref)";
    public const string FaultRefName = "Fault reference(Fault_ref:Fault ref)";
    public const string ControlRefName = "0 - Recipe driven 1 - Operator controlled(Control_ref:Control ref)";
    public const int ChannelCount = 30;

    /// <summary>The three names the PAT reference column's name splits into.</summary>
    private static readonly string[] s_patParts =
        ["1- No Raman spec", " 1-Raman spec recorded", "2-PAT control(PAT_ref:PAT ref)"];

    private static readonly string[] s_offlinePrefixes =
    [
        "PAA concentration offline(", "NH_3 concentration off-line(", "Offline Penicillin concentration(",
        "Offline Biomass concentratio(", "Viscosity(",
    ];

    public static string PatName { get; } = string.Join(",", s_patParts);

    public static bool Matches(string[] header) =>
        header.Length > 0 && header[0] == TimeName && header.Contains(BatchIdName) && header.Contains(FaultFlagName)
        && header.Contains(ControlRefName) && header.Length > ChannelCount + 1
        && header[ChannelCount + 1] == FaultRefName;

    public static ColumnPlan Plan(string path, CsvPeek peek, CsvReadOptions options)
    {
        var notes = new List<string>();
        string[] names = Realign(peek, notes);
        int firstAfterFlag = Array.IndexOf(names, FaultFlagName) + 1;
        int ramanCount = names.Skip(firstAfterFlag).Count(IsWavenumber);
        var source = new List<int>();
        for (int c = 1; c <= ChannelCount; c++)
        {
            source.Add(c);
        }

        if (ramanCount > 0)
        {
            notes.Add(options.IncludeRaman
                ? $"Read {ramanCount} Raman intensity columns (wavenumbers) as channels."
                : $"Skipped {ramanCount} Raman intensity columns (wavenumbers {names[firstAfterFlag]} to "
                  + $"{names[^1]}); set IncludeRaman to read them as channels.");
            source.AddRange(options.IncludeRaman
                ? Enumerable.Range(firstAfterFlag, names.Length - firstAfterFlag).Where(i => IsWavenumber(names[i]))
                : []);
        }

        int extra = names.Length - firstAfterFlag - ramanCount;
        if (extra > 0)
        {
            notes.Add($"Skipped {extra} unrecognised columns after `{FaultFlagName}`.");
        }

        ChannelInfo[] channels = source.Select(i => new ChannelInfo(names[i], ChannelUnits.FromName(names[i])))
            .ToArray();
        return new ColumnPlan
        {
            Path = path,
            Names = names,
            ValuesPerRow = names.Length,
            TimeIndex = 0,
            Time = TimeAxisParser.Numeric(1, decimalComma: false),
            ChannelSource = source.ToArray(),
            Channels = channels,
            AlwaysSparse = channels.Select(c => IsOffline(c.Name)).ToArray(),
            RunKeys = [Key(names, BatchIdName), Key(names, BatchRefName)],
            Labels = Labels(names),
            SplitOnTimeRestart = true,
            IntegerRunNames = true,
            DecimalComma = false,
            Separator = peek.Separator,
            Notes = notes,
        };
    }

    private static string[] Realign(CsvPeek peek, List<string> notes)
    {
        string[] header = peek.Header;
        int pat = Array.IndexOf(header, s_patParts[0]);
        bool split = pat > 0 && pat + 2 < header.Length && header[pat + 1] == s_patParts[1]
            && header[pat + 2] == s_patParts[2];
        if (!split || peek.FirstRowColCount != header.Length - 2)
        {
            return header;
        }

        notes.Add($"Repaired the header: it has {header.Length} names but rows have {header.Length - 2} values, "
            + $"because the PAT reference name holds two commas; the names `{s_patParts[0]}`, `{s_patParts[1]}` "
            + $"and `{s_patParts[2]}` were merged into one column (column {pat + 1}), realigning the "
            + $"{header.Length - pat - 3} columns after it.");
        return [.. header[..pat], PatName, .. header[(pat + 3)..]];
    }

    private static LabelSpec Key(string[] names, string name) => new(Array.IndexOf(names, name), name, null, null);

    private static LabelSpec[] Labels(string[] names) =>
    [
        new(Array.IndexOf(names, FaultRefName), FaultRefName, RunLabels.FaultReference, null),
        new(Array.IndexOf(names, ControlRefName), ControlRefName, null, RunLabels.Control,
            v => Integer(v) switch { "0" => "recipe", "1" => "operator", var other => other }),
        new(Array.IndexOf(names, PatName), PatName, null, RunLabels.PatReference, Integer),
        new(Array.IndexOf(names, FaultFlagName), FaultFlagName, null, RunLabels.FaultFlag, Integer),
    ];

    /// <summary>"1", "1.0" and "1e0" all become "1"; other text stays as written.</summary>
    public static string Integer(string token) =>
        double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && v == Math.Floor(v)
            && Math.Abs(v) < 1e15
            ? ((long)v).ToString(CultureInfo.InvariantCulture)
            : token;

    private static bool IsOffline(string name) =>
        s_offlinePrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal));

    private static bool IsWavenumber(string name) =>
        double.TryParse(name, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
}
