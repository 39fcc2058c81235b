using System.CommandLine;
using System.Text.Json;
using FermentEngine.Cli.Output;
using FermentEngine.Cli.Remote;
using FermentEngine.Engine.Io;
using FermentEngine.Engine.Runs;
using FermentEngine.Engine.Training;

namespace FermentEngine.Cli.Commands;

/// <summary><c>fermentctl train FILES... --model PATH</c>: trains a model on good runs, here or, with
/// <c>--server URL</c>, on a server (then <c>--model</c> is the model id there).</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var files = new RunFileOptions();
        var training = new TrainingOptionSet();
        var model = new Option<string>("--model")
        {
            Description = "Model file to write; with --server, the model id on the server.",
            Required = true,
        };
        var json = new Option<bool>("--json") { Description = "Print the training report as JSON." };
        var server = new Option<string?>("--server")
        {
            Description = "Train on this server, e.g. http://127.0.0.1:5170.",
        };
        var command = new Command("train", "Train a model on good runs.") { model, json, server };
        files.AddTo(command);
        training.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            RunSet? chosen = null;
            TrainingOptions? options = null;
            bool remote = parse.GetValue(server) is not null;
            string? path = null;
            int code = CliErrors.Guard(error, () =>
            {
                path = remote ? null : CliErrors.WritableModelPath(parse.GetValue(model)!);
                var runs = RunReader.ReadMany(parse.GetValue(files.Files)!, files.Bind(parse));
                CliErrors.WriteNotes(error, runs);
                chosen = training.SelectRuns(parse, runs);
                options = training.Bind(parse, runs);
                return 0;
            });
            if (code != 0)
            {
                return code;
            }

            if (remote)
            {
                if (!ServerAddress.TryParse(parse.GetValue(server), out Uri address, out string message))
                {
                    await error.WriteLineAsync(message);
                    return RemoteErrors.Unreachable;
                }

                return await RemoteRunner.TrainAsync(address, chosen!, options!, parse.GetValue(model),
                    parse.InvocationConfiguration.Output, cancellationToken, error, parse.GetValue(json));
            }

            return CliErrors.Guard(error, () => TrainHere(parse, chosen!, options!, path!, parse.GetValue(json)));
        });
        return command;
    }

    private static int TrainHere(ParseResult parse, RunSet runs, TrainingOptions options, string path, bool json)
    {
        var output = parse.InvocationConfiguration.Output;
        var progress = new ProgressLine(parse.InvocationConfiguration.Error);
        var (trained, report) = ModelTrainer.Train(runs, options, progress);
        progress.Done();
        trained.Save(path);
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(report, CliErrors.Json));
        }
        else
        {
            ReportText.Write(output, report, trained.Info);
        }

        return 0;
    }
}
