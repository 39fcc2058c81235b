using System.CommandLine;
using FermentEngine.Engine;
using FermentEngine.Engine.Exploration;
using FermentEngine.Engine.Io;

namespace FermentEngine.Cli.Commands;

/// <summary>
/// <c>fermentctl inspect FILES...</c>: reads run files and prints run lengths (with a histogram and the length
/// outliers), channel statistics, label counts, bad cells and the reader's notes; <c>--json</c> prints the same
/// as one JSON object. Exit codes: 0 read, 2 the input was refused (the message names file, line and column).
/// </summary>
internal static class InspectCommand
{
    /// <summary>The exit code for input the reader refuses.</summary>
    public const int BadInputExitCode = 2;

    public static Command Create()
    {
        var files = new RunFileOptions();
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of text." };
        var command = new Command("inspect", "Summarise runs: lengths, channels, labels, bad cells.") { json };
        files.AddTo(command);
        command.SetAction(parse =>
        {
            var error = parse.InvocationConfiguration.Error;
            CsvReadOptions options;
            try
            {
                options = files.Bind(parse);
            }
            catch (FermentDataException e)
            {
                error.WriteLine($"fermentctl inspect: {e.Message}");
                return BadInputExitCode;
            }

            return Run(parse.GetValue(files.Files) ?? [], options, parse.GetValue(json),
                parse.InvocationConfiguration.Output, error);
        });
        return command;
    }

    /// <summary>Reads the files and writes the report; refusals go to <paramref name="error"/>.</summary>
    public static int Run(string[] files, CsvReadOptions options, bool json, TextWriter output, TextWriter error)
    {
        RunSetSummary summary;
        try
        {
            summary = RunSetSummary.Of(RunReader.ReadMany(files, options));
        }
        catch (FermentDataException e)
        {
            error.WriteLine($"fermentctl inspect: {e.Message}");
            return BadInputExitCode;
        }

        if (json)
        {
            InspectJsonReport.Write(summary, files, output);
        }
        else
        {
            InspectTextReport.Write(summary, files, output);
        }

        return 0;
    }
}
