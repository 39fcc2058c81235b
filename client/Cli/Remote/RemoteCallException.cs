namespace FermentEngine.Cli.Remote;

/// <summary>A server call of a CLI command failed; the message is one line for the user.</summary>
internal sealed class RemoteCallException(string message, int exitCode, Exception inner) : Exception(message, inner)
{
    /// <summary>The exit code the command should return (3 when the server cannot be reached).</summary>
    public int ExitCode { get; } = exitCode;
}
