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

    public static int Guard(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (FermentDataException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return BadInput;
        }
        catch (IOException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return BadInput;
        }
    }
}
