using System.CommandLine;
using FermentEngine.Cli.Output;
using FermentEngine.Engine.Io;
using FermentEngine.Engine.Scoring;

namespace FermentEngine.Cli.Commands;

/// <summary><c>fermentctl score FILES... --model PATH</c>: scores runs against a trained model.</summary>
internal static class ScoreCommand
{
    public static Command Create()
    {
        var files = new RunFileOptions();
        var model = new Option<string>("--model") { Description = "Model file to score with.", Required = true };
        var json = new Option<bool>("--json") { Description = "Print a JSON object with a runs array." };
        var partial = new Option<bool>("--partial")
        {
            Description = "The runs are still going: compare with reference runs over the same elapsed steps.",
        };
        var command = new Command("score", "Score runs against a trained model.") { model, json, partial };
        files.AddTo(command);
        command.SetAction(parse => CliErrors.Guard(parse.InvocationConfiguration.Error, () =>
        {
            var output = parse.InvocationConfiguration.Output;
            var loaded = FermentModel.Load(parse.GetValue(model)!);
            var runs = RunReader.ReadMany(parse.GetValue(files.Files)!, files.Bind(parse));
            CliErrors.WriteNotes(parse.InvocationConfiguration.Error, runs);
            var verdicts = loaded.Score(runs.Runs, asPartial: parse.GetValue(partial));
            var rows = verdicts.Select(v => new VerdictTable.Row(v)).ToList();
            if (parse.GetValue(json))
            {
                VerdictTable.WriteJson(output, rows);
            }
            else
            {
                VerdictTable.Write(output, rows);
            }

            // Every run is in the output; the exit code says whether some could not be scored.
            return verdicts.Any(v => v.Status == RunStatus.Error) ? CliErrors.BadInput : 0;
        }));
        return command;
    }
}
