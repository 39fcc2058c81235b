using System.CommandLine;
using FermentEngine.Cli.Remote;
using FermentEngine.Engine;
using FermentEngine.Engine.Io;

namespace FermentEngine.Cli.Commands;

/// <summary><c>fermentctl model train|show|delete ... --server URL</c>: one model stored on a server.</summary>
internal static class ModelCommand
{
    public static Command Create()
    {
        var command = new Command("model", "Train, inspect or delete a model stored on a server.");
        command.Subcommands.Add(CreateTrain());
        command.Subcommands.Add(CreateShow());
        command.Subcommands.Add(CreateDelete());
        return command;
    }

    private static Command CreateTrain()
    {
        var files = new RunFileOptions();
        var training = new TrainingOptionSet();
        var id = new Argument<string>("id")
        {
            Description = "Id to store the model under; an existing id gets a new version.",
        };
        var server = RemoteCommand.CreateServerOption();
        var train = new Command("train", "Train a model on good runs on a server; it stores the model.") { id, server };
        files.AddTo(train);
        training.AddTo(train);
        train.SetAction((parse, ct) => RemoteCommand.RunAsync(parse, server, async (client, output, errors) =>
        {
            Engine.Runs.RunSet chosen;
            Engine.Training.TrainingOptions options;
            try
            {
                var runs = RunReader.ReadMany(parse.GetValue(files.Files)!, files.Bind(parse));
                chosen = training.SelectRuns(parse, runs);
                options = training.Bind(parse, runs);
            }
            catch (FermentDataException ex)
            {
                await errors.WriteLineAsync($"error: {ex.Message}");
                return CliErrors.BadInput;
            }

            var target = new Uri(parse.GetValue(server)!);
            return await RemoteRunner.TrainAsync(client, target, chosen, options, parse.GetValue(id), output, errors,
                ct);
        }));
        return train;
    }

    private static Command CreateShow()
    {
        var (id, version, server) = CreateInputs("The version; 0 (default) for the latest.");
        var show = new Command("show", "Describe a stored model: channels, training runs, population.")
        {
            id, version, server,
        };
        show.SetAction((parse, ct) => RemoteCommand.RunAsync(parse, server, async (client, output, _) =>
        {
            var model = await client.GetModelAsync(parse.GetValue(id)!, parse.GetValue(version), ct);
            ModelPrinter.Details(model, output);
            return 0;
        }));
        return show;
    }

    private static Command CreateDelete()
    {
        var (id, version, server) = CreateInputs("The version; 0 (default) deletes every version.");
        var delete = new Command("delete", "Delete a stored model; calls already using it complete.")
        {
            id, version, server,
        };
        delete.SetAction((parse, ct) => RemoteCommand.RunAsync(parse, server, async (client, output, _) =>
        {
            string modelId = parse.GetValue(id)!;
            int deleted = await client.DeleteModelAsync(modelId, parse.GetValue(version), ct);
            await output.WriteLineAsync($"Deleted {deleted} version(s) of '{modelId}'.");
            return 0;
        }));
        return delete;
    }

    private static (Argument<string> Id, Option<uint> Version, Option<string> Server) CreateInputs(string versionText)
    {
        var id = new Argument<string>("id") { Description = "The model id." };
        var version = new Option<uint>("--version") { Description = versionText };
        return (id, version, RemoteCommand.CreateServerOption());
    }
}
