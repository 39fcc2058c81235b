using System.CommandLine;
using System.Text.Json;
using FermentEngine.Cli.Output;
using FermentEngine.Engine;
using FermentEngine.Engine.Io;
using FermentEngine.Engine.Training;

namespace FermentEngine.Cli.Commands;

/// <summary><c>fermentctl train FILES... --model PATH</c>: trains a model on good runs.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var files = new RunFileOptions();
        var training = new TrainingOptionSet();
        var model = new Option<string>("--model") { Description = "Model file to write.", Required = true };
        var json = new Option<bool>("--json") { Description = "Print the training report as JSON." };
        var command = new Command("train", "Train a model on good runs.") { model, json };
        files.AddTo(command);
        training.AddTo(command);
        command.SetAction(parse => CliErrors.Guard(parse.InvocationConfiguration.Error, () =>
        {
            var output = parse.InvocationConfiguration.Output;
            string path = CliErrors.WritableModelPath(parse.GetValue(model)!);
            var runs = RunReader.ReadMany(parse.GetValue(files.Files)!, files.Bind(parse));
            CliErrors.WriteNotes(parse.InvocationConfiguration.Error, runs);
            var chosen = training.SelectRuns(parse, runs);
            var progress = new ProgressLine(parse.InvocationConfiguration.Error);
            var (trained, report) = ModelTrainer.Train(chosen, training.Bind(parse, runs), progress);
            progress.Done();
            trained.Save(path);
            if (parse.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(report, CliErrors.Json));
            }
            else
            {
                ReportText.Write(output, report, trained.Info);
            }

            return 0;
        }));
        return command;
    }
}
