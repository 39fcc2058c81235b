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

    /// <summary>Connects to the server the command line names and runs <paramref name="work"/> with the
    /// invocation's output and error writers; a bad address, an unreachable server or a refusal prints one line
    /// to the error writer and returns its exit code (3 for the first two).</summary>
    /// <param name="connect">Makes the client for the address instead of <see cref="RemoteRunner.Connect"/>; the
    /// client is disposed after <paramref name="work"/>.</param>
    public static async Task<int> RunAsync(ParseResult parse, Option<string> serverOption,
        Func<FermentClient, TextWriter, TextWriter, Task<int>> work, Func<Uri, FermentClient>? connect = null)
    {
        TextWriter output = parse.InvocationConfiguration.Output;
        TextWriter errors = parse.InvocationConfiguration.Error;
        if (!ServerAddress.TryParse(parse.GetValue(serverOption), out Uri server, out string error))
        {
            await errors.WriteLineAsync(error);
            return RemoteErrors.Unreachable;
        }

        try
        {
            using var client = (connect ?? RemoteRunner.Connect)(server);
            return await work(client, output, errors);
        }
        catch (RemoteCallException ex)
        {
            await errors.WriteLineAsync(ex.Message);
            return ex.ExitCode;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            var (line, exitCode) = RemoteErrors.Describe(ex, server);
            await errors.WriteLineAsync(line);
            return exitCode;
        }
    }
}
