using System.CommandLine;
using FermentEngine.Cli.Remote;
using FermentEngine.Client;
using FermentEngine.Engine;
using FermentEngine.Engine.Io;

namespace FermentEngine.Cli.Commands;

/// <summary><c>fermentctl watch FILE --model ID --server URL [--speed X] [--run NAME]</c>: replays recorded runs
/// to a server as live batches and prints alarms as they happen. The file is read with the options of
/// <c>score</c> (<c>--run-column</c>, <c>--time-column</c>, ...).</summary>
internal static class WatchCommand
{
    /// <summary>The command; <paramref name="connect"/> replaces the client to the <c>--server</c> address (for
    /// tests with a server in memory).</summary>
    public static Command Create(Func<Uri, FermentClient>? connect = null)
    {
        var files = new RunFileOptions();
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
        files.AddOptionsTo(command);
        command.SetAction((parse, ct) => RemoteCommand.RunAsync(parse, server, (client, output, errors) =>
            WatchAsync(new WatchRequest(parse.GetValue(file)!, files.Bind(parse), parse.GetValue(model)!,
                parse.GetValue(version), parse.GetValue(speed), parse.GetValue(run)), client, output, errors, ct),
            connect));
        return command;
    }

    private static async Task<int> WatchAsync(
        WatchRequest request, FermentClient client, TextWriter output, TextWriter errors, CancellationToken ct)
    {
        if (request.Speed < 0 || !double.IsFinite(request.Speed))
        {
            await errors.WriteLineAsync($"error: --speed {request.Speed}; expected 0 or a positive multiple.");
            return RemoteErrors.Refused;
        }

        Engine.Runs.RunSet runs;
        try
        {
            runs = RunReader.Read(request.File, request.Reading);
        }
        catch (FermentDataException ex)
        {
            await errors.WriteLineAsync($"error: {ex.Message}");
            return RemoteErrors.Refused;
        }

        var selected = request.Run is null ? runs.Runs : runs.Runs.Where(r => r.Name == request.Run).ToList();
        if (selected.Count == 0)
        {
            await errors.WriteLineAsync($"error: {request.File} has no run '{request.Run}'.");
            return RemoteErrors.Refused;
        }

        var model = await client.GetModelAsync(request.ModelId, request.Version, ct);
        var replay = new LiveReplay(client, output);
        foreach (var run in selected)
        {
            await replay.RunAsync(request.ModelId, model.Version, run, model.Channels, request.Speed, ct,
                model.Significance);
        }

        return 0;
    }

    /// <summary>What the command line asked to watch.</summary>
    private sealed record WatchRequest(
        string File, CsvReadOptions Reading, string ModelId, uint Version, double Speed, string? Run);
}
