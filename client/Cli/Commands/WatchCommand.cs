using System.CommandLine;
using FermentEngine.Cli.Remote;
using FermentEngine.Client;
using FermentEngine.Engine;
using FermentEngine.Engine.Io;

namespace FermentEngine.Cli.Commands;

/// <summary><c>fermentctl watch FILE --model ID --server URL [--speed X] [--run NAME]</c>: replays recorded runs
/// to a server as live batches and prints alarms as they happen.</summary>
internal static class WatchCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "Run file (.csv or .csv.gz)." };
        var model = new Option<string>("--model") { Description = "The model id.", Required = true };
        var version = new Option<uint>("--version") { Description = "The model version; 0 (default) the latest." };
        var server = RemoteCommand.CreateServerOption();
        var speed = new Option<double>("--speed")
        {
            Description = "Multiple of real time, e.g. 3600 plays an hour a second; 0 (default) as fast as possible.",
        };
        var run = new Option<string?>("--run") { Description = "Only this run of the file; default every run." };
        var command = new Command("watch", "Replay recorded runs to a server as live batches; print alarms.")
        {
            file, model, version, server, speed, run,
        };
        command.SetAction((parse, ct) => RemoteCommand.RunAsync(parse.GetValue(server), (client, _) =>
            WatchAsync(new LiveReplay(client, Console.Out), client, parse.GetValue(file)!, parse.GetValue(model)!,
                parse.GetValue(version), parse.GetValue(speed), parse.GetValue(run), ct)));
        return command;
    }

    private static async Task<int> WatchAsync(LiveReplay replay, FermentClient client, string file,
        string modelId, uint version, double speed, string? runName, CancellationToken ct)
    {
        if (speed < 0 || !double.IsFinite(speed))
        {
            await Console.Error.WriteLineAsync($"error: --speed {speed}; expected 0 or a positive multiple.");
            return RemoteErrors.Refused;
        }

        Engine.Runs.RunSet runs;
        try
        {
            runs = RunReader.Read(file);
        }
        catch (FermentDataException ex)
        {
            await Console.Error.WriteLineAsync($"error: {ex.Message}");
            return RemoteErrors.Refused;
        }

        var selected = runName is null ? runs.Runs : runs.Runs.Where(r => r.Name == runName).ToList();
        if (selected.Count == 0)
        {
            await Console.Error.WriteLineAsync($"error: {file} has no run '{runName}'.");
            return RemoteErrors.Refused;
        }

        var model = await client.GetModelAsync(modelId, version, ct);
        foreach (var run in selected)
        {
            await replay.RunAsync(modelId, model.Version, run, model.Channels, speed, ct);
        }

        return 0;
    }
}
