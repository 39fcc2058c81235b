using System.CommandLine;
using System.Diagnostics;
using FermentEngine.Cli.Output;
using FermentEngine.Engine.Evaluation;
using FermentEngine.Engine.Io;

namespace FermentEngine.Cli.Commands;

/// <summary>
/// <c>fermentctl demo</c>: the main job on the bundled IndPenSim sample. Trains on the normal recipe-driven
/// batches, scores every batch on a network that did not see it, and prints a ranked table.
/// </summary>
internal static class DemoCommand
{
    public const string SampleFile = "indpensim-sample.csv.gz";
    public const string BatchFile = "indpensim-sample-batches.csv";

    public static Command Create()
    {
        var samples = new Option<string?>("--samples") { Description = "Folder with the sample files." };
        var model = new Option<string?>("--model") { Description = "Also save the trained model here." };
        var json = new Option<bool>("--json") { Description = "Print the ranking as JSON." };
        var command = new Command("demo", "Train on the bundled sample's good batches and rank every batch.")
        {
            samples, model, json,
        };
        command.SetAction(parse => CliErrors.Guard(parse.InvocationConfiguration.Error, () =>
            Run(parse.GetValue(samples) ?? FindSamples(), parse.GetValue(model), parse.GetValue(json),
                parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error)));
        return command;
    }

    private static int Run(string folder, string? modelPath, bool json, TextWriter output, TextWriter error)
    {
        var clock = Stopwatch.StartNew();
        modelPath = modelPath is null ? null : CliErrors.WritableModelPath(modelPath);
        var runs = RunReader.Read(Path.Combine(folder, SampleFile));
        var table = BatchTable.Read(Path.Combine(folder, BatchFile));
        error.WriteLine($"Read {runs.Runs.Count} batches from {SampleFile}; training on the normal "
            + "recipe-driven ones.");
        var progress = new ProgressLine(error);
        var (model, ranked) = IndPenSimEvaluation.Run(runs, table, IndPenSimEvaluation.DefaultOptions(runs), progress);
        progress.Done();
        if (modelPath is not null)
        {
            model.Save(modelPath);
        }

        var rows = ranked.Select(e => new VerdictTable.Row(e.Verdict, $"{e.Group} ({e.Category})",
            e.HeldOut ? "held-out (cross-validated)" : null)).ToList();
        if (json)
        {
            VerdictTable.WriteJson(output, rows, Summary(ranked).Select(g => new
            {
                group = g.Group, runs = g.Runs, flagged = g.Flagged,
                medianScore = double.IsFinite(g.MedianScore) ? g.MedianScore : (double?)null,
            }));
            return 0;
        }

        ReportText.Write(output, model.Report, model.Info);
        output.WriteLine();
        VerdictTable.Write(output, rows);
        output.WriteLine();
        foreach (var group in Summary(ranked))
        {
            output.WriteLine($"{group.Group,-16} {group.Flagged}/{group.Runs} flagged   "
                + $"median score {group.MedianScore:G4}");
        }

        output.WriteLine($"Training runs are scored by the fold network that did not see them. "
            + $"Done in {clock.Elapsed.TotalSeconds:0} s.");
        return 0;
    }

    private static List<(string Group, int Runs, int Flagged, double MedianScore)> Summary(
        IReadOnlyList<EvaluatedRun> ranked) =>
        ranked.GroupBy(e => e.Group)
            .Select(g =>
            {
                var scores = g.Select(e => e.Verdict.Score).Where(double.IsFinite).Order().ToList();
                return (g.Key, g.Count(), g.Count(e => e.Verdict.Flagged),
                    scores.Count > 0 ? scores[scores.Count / 2] : double.NaN);
            })
            .OrderBy(g => g.Key)
            .ToList();

    // The sample ships beside the executable; a checkout also has it under samples/.
    private static string FindSamples()
    {
        foreach (string start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "samples");
                if (File.Exists(Path.Combine(candidate, SampleFile)))
                {
                    return candidate;
                }
            }
        }

        throw new Engine.FermentDataException($"The bundled sample '{SampleFile}' was not found; pass --samples.");
    }
}
