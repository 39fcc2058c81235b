using System.Text.Json;
using FermentEngine.Engine;

namespace FermentEngine.Cli.Commands;

/// <summary>Turns refused input into one message on standard error and exit code 2.</summary>
internal static class CliErrors
{
    /// <summary>Exit code for input the engine refused.</summary>
    public const int BadInput = 2;

    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Runs a command body; refused input and I/O failures become one line on
    /// <paramref name="error"/> and exit code 2.</summary>
    public static int Guard(TextWriter error, Func<int> action)
    {
        try
        {
            return action();
        }
        catch (Exception ex) when (ex is FermentDataException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: {ex.Message}");
            return BadInput;
        }
    }
}
