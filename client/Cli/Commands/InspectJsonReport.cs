using System.Text.Json;
using System.Text.Json.Nodes;
using FermentEngine.Engine.Exploration;
using FermentEngine.Engine.Runs;

namespace FermentEngine.Cli.Commands;

/// <summary>
/// The inspect report as one JSON object: <c>files</c>, <c>runCount</c>, <c>totalRows</c>, <c>rowsPerRun</c>,
/// <c>lengthOutliers</c>, <c>runs</c> (run, rows, lengthHours, labels, sampling, badCells), <c>channels</c>,
/// <c>labelCounts</c>, <c>badCells</c> (the first <see cref="MaxBadCells"/>), <c>badCellCount</c> and
/// <c>notes</c>. Non-finite statistics are written as null; minima and
/// maxima, which are float32 cell values, in their shortest float form.
/// </summary>
internal static class InspectJsonReport
{
    public const int MaxBadCells = 1000;

    private static readonly JsonSerializerOptions s_indented = new() { WriteIndented = true };

    public static void Write(RunSetSummary summary, IReadOnlyList<string> files, TextWriter output)
    {
        var root = new JsonObject
        {
            ["files"] = Array(files.Select(f => (JsonNode?)f)),
            ["runCount"] = summary.RunCount,
            ["totalRows"] = summary.TotalRows,
            ["rowsPerRun"] = new JsonObject { ["mean"] = Number(summary.MeanRows),
                ["stdDev"] = Number(summary.RowsStdDev) },
            ["lengthOutliers"] = Array(summary.LengthOutliers.Select(n => (JsonNode?)n)),
            ["runs"] = Array(summary.Runs.Select(RunNode)),
            ["channels"] = Array(summary.Channels.Select(ChannelNode)),
            ["labelCounts"] = Array(summary.LabelCounts.Select(c => (JsonNode?)new JsonObject
            {
                ["labels"] = Labels(c.Labels), ["count"] = c.Count,
            })),
            ["badCellCount"] = summary.BadCells.Count,
            ["badCells"] = Array(summary.BadCells.Take(MaxBadCells).Select(BadCellNode)),
            ["notes"] = Array(summary.Notes.Select(n => (JsonNode?)n)),
        };
        output.WriteLine(root.ToJsonString(s_indented));
    }

    private static JsonNode RunNode(RunSummary run) => new JsonObject
    {
        ["run"] = run.Name,
        ["rows"] = run.Rows,
        ["lengthHours"] = Number(run.LengthHours),
        ["labels"] = Labels(run.Labels),
        ["medianStepHours"] = Number(run.Sampling.MedianIntervalHours),
        ["gaps"] = run.Sampling.GapCount,
        ["duplicateTimes"] = run.Sampling.DuplicateCount,
        ["badCells"] = run.BadCellCount,
        ["lengthOutlier"] = run.IsLengthOutlier,
    };

    private static JsonNode ChannelNode(ChannelSummary c) => new JsonObject
    {
        ["name"] = c.Name,
        ["unit"] = c.Unit,
        ["kind"] = c.Kind == ChannelKind.Sparse ? "sparse" : "continuous",
        ["min"] = Float(c.Min),
        ["max"] = Float(c.Max),
        ["mean"] = Number(c.Mean),
        ["stdDev"] = Number(c.StdDev),
        ["missingPercent"] = Number(c.MissingPercent),
        ["constant"] = c.IsConstant,
    };

    private static JsonNode BadCellNode(BadCell cell) => new JsonObject
    {
        ["line"] = cell.Line,
        ["column"] = cell.Column,
        ["token"] = cell.Token,
        ["run"] = cell.Run,
        ["timeHours"] = Number(cell.TimeHours),
    };

    private static JsonObject Labels(IReadOnlyDictionary<string, string> labels)
    {
        var node = new JsonObject();
        foreach (var (key, value) in labels.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            node[key] = value;
        }

        return node;
    }

    private static JsonArray Array(IEnumerable<JsonNode?> items) => new([.. items]);

    private static JsonNode? Number(double value) => double.IsFinite(value) ? JsonValue.Create(value) : null;

    /// <summary>A value read as float32, in its shortest float form (45.5159, not 45.515899...).</summary>
    private static JsonNode? Float(double value) => double.IsFinite(value) ? JsonValue.Create((float)value) : null;
}
