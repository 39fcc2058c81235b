using System.CommandLine;
using FermentEngine.Cli.Remote;

namespace FermentEngine.Cli.Commands;

/// <summary><c>fermentctl models --server URL [--all]</c>: the models a server stores.</summary>
internal static class ModelsCommand
{
    public static Command Create()
    {
        var server = RemoteCommand.CreateServerOption();
        var all = new Option<bool>("--all") { Description = "Every version, not only the latest of each model." };
        var command = new Command("models", "List the models stored on a server.") { server, all };
        command.SetAction((parse, ct) => RemoteCommand.RunAsync(parse, server, async (client, output, _) =>
        {
            var models = await client.ListModelsAsync(allVersions: parse.GetValue(all), cancellationToken: ct);
            ModelPrinter.Table(models, output);
            return 0;
        }));
        return command;
    }
}
