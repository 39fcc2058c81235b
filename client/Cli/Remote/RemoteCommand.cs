using System.CommandLine;
using FermentEngine.Client;

namespace FermentEngine.Cli.Remote;

/// <summary>What the server commands share: the <c>--server</c> option and turning failures into one line
/// and an exit code.</summary>
internal static class RemoteCommand
{
    public static Option<string> CreateServerOption() => new("--server")
    {
        Description = "Server address, e.g. http://127.0.0.1:5170.",
        Required = true,
    };

    /// <summary>Connects to <paramref name="serverText"/> and runs <paramref name="work"/>; a bad address, an
    /// unreachable server or a refusal prints one line to standard error and returns its exit code.</summary>
    public static async Task<int> RunAsync(string? serverText, Func<FermentClient, Uri, Task<int>> work)
    {
        if (!ServerAddress.TryParse(serverText, out Uri server, out string error))
        {
            await Console.Error.WriteLineAsync(error);
            return RemoteErrors.Unreachable;
        }

        try
        {
            using var client = RemoteRunner.Connect(server);
            return await work(client, server);
        }
        catch (RemoteCallException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return ex.ExitCode;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            var (line, exitCode) = RemoteErrors.Describe(ex, server);
            await Console.Error.WriteLineAsync(line);
            return exitCode;
        }
    }
}
