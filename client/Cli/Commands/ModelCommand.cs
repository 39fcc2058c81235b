using System.CommandLine;
using FermentEngine.Cli.Remote;

namespace FermentEngine.Cli.Commands;

/// <summary><c>fermentctl model show|delete ID --server URL [--version N]</c>: one stored model.</summary>
internal static class ModelCommand
{
    public static Command Create()
    {
        var command = new Command("model", "Inspect or delete a model stored on a server.");
        command.Subcommands.Add(CreateShow());
        command.Subcommands.Add(CreateDelete());
        return command;
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
