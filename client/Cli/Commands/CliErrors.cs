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

    /// <summary>Checks before any work that a model file can be written at <paramref name="path"/>.</summary>
    /// <exception cref="FermentDataException">The folder does not exist or the path is a folder.</exception>
    public static string WritableModelPath(string path)
    {
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new FermentDataException($"--model '{path}' is a folder; give a file path such as {path}/m.fem.");
        }

        string? folder = Path.GetDirectoryName(full);
        if (folder is not null && !Directory.Exists(folder))
        {
            throw new FermentDataException($"--model '{path}': the folder '{folder}' does not exist.");
        }

        return full;
    }

    /// <summary>Prints what the reader repaired, skipped or noticed, one line each.</summary>
    public static void WriteNotes(TextWriter error, Engine.Runs.RunSet runs)
    {
        foreach (string note in runs.Notes)
        {
            error.WriteLine($"note: {note}");
        }
    }

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
