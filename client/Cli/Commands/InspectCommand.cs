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
        var files = new Argument<string[]>("files")
        {
            Description = "Run files (.csv or .csv.gz), read together; they must have the same channels.",
            Arity = ArgumentArity.OneOrMore,
        };
        var runColumn = new Option<string?>("--run-column") { Description = "Column naming each row's run." };
        var timeColumn = new Option<string?>("--time-column") { Description = "Time column (numbers or date-times)." };
        var timeUnit = new Option<string?>("--time-unit")
        {
            Description = "Unit of a numeric time column: hours (default), minutes or seconds.",
        }.AcceptOnlyFromAmong("hours", "minutes", "seconds");
        var timeFormat = new Option<string?>("--time-format")
        {
            Description = "Exact date-time format of the time column, e.g. \"dd.MM.yyyy HH:mm:ss\".",
        };
        var timeZone = new Option<string?>("--time-zone")
        {
            Description = "IANA time zone of naive local times, e.g. Europe/Berlin.",
        };
        var labelColumns = new Option<string[]>("--label-column")
        {
            Description = "A column kept as a label, not a channel; repeat for several.",
        };
        var separator = new Option<string?>("--separator") { Description = "Field separator: ',', ';' or 'tab'." };
        var decimalComma = new Option<bool>("--decimal-comma") { Description = "Numbers use a decimal comma." };
        var includeRaman = new Option<bool>("--include-raman") { Description = "Read IndPenSim Raman columns." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of text." };
        var command = new Command("inspect", "Summarise runs: lengths, channels, labels, bad cells.")
        {
            files, runColumn, timeColumn, timeUnit, timeFormat, timeZone, labelColumns, separator, decimalComma,
            includeRaman, json,
        };
        command.SetAction(parse =>
        {
            var options = new CsvReadOptions
            {
                RunColumn = parse.GetValue(runColumn),
                TimeColumn = parse.GetValue(timeColumn),
                TimeUnit = parse.GetValue(timeUnit) is { } unit ? Enum.Parse<TimeUnit>(unit, ignoreCase: true) : null,
                DateTimeFormat = parse.GetValue(timeFormat),
                TimeZone = parse.GetValue(timeZone),
                LabelColumns = parse.GetValue(labelColumns) ?? [],
                Separator = parse.GetValue(separator) is { } s ? (s == "tab" ? '\t' : s[0]) : null,
                DecimalComma = parse.GetValue(decimalComma) ? true : null,
                IncludeRaman = parse.GetValue(includeRaman),
            };
            return Run(parse.GetValue(files) ?? [], options, parse.GetValue(json),
                parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
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
