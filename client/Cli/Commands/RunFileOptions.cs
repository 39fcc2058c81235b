using System.CommandLine;
using FermentEngine.Engine.Io;

namespace FermentEngine.Cli.Commands;

/// <summary>The options that say how to read run files, shared by every command that reads them.</summary>
internal sealed class RunFileOptions
{
    private readonly Option<string?> _runColumn = new("--run-column")
    {
        Description = "Column that identifies the run (else one run per file, or the IndPenSim batch column).",
    };

    private readonly Option<string?> _timeColumn = new("--time-column") { Description = "Time or datetime column." };

    private readonly Option<string?> _timeUnit = new Option<string?>("--time-unit")
    {
        Description = "Unit of a numeric time column: hours (default), minutes or seconds.",
    }.AcceptOnlyFromAmong("hours", "minutes", "seconds");

    private readonly Option<string?> _timeFormat = new("--time-format")
    {
        Description = "Date-time format of the time column, e.g. 'dd.MM.yyyy HH:mm:ss'.",
    };

    private readonly Option<string?> _timeZone = new("--time-zone")
    {
        Description = "IANA time zone of naive local clock times, e.g. Europe/Berlin.",
    };

    private readonly Option<string[]> _labelColumns = new("--label-column")
    {
        Description = "Column kept as a label, never a channel (repeatable).",
    };

    private readonly Option<string?> _separator = new("--separator")
    {
        Description = "Field separator: ',', ';' or 'tab' (default: detected).",
    };

    private readonly Option<bool> _decimalComma = new("--decimal-comma")
    {
        Description = "Numbers use a decimal comma (default: detected where the separator is ';' or tab).",
    };

    private readonly Option<bool> _includeRaman = new("--include-raman")
    {
        Description = "Read the Raman intensity columns of IndPenSim files as channels.",
    };

    /// <summary>The run files argument.</summary>
    public Argument<string[]> Files { get; } = FilesArgument();

    /// <summary>Adds the argument and options to a command.</summary>
    public void AddTo(Command command)
    {
        command.Arguments.Add(Files);
        AddOptionsTo(command);
    }

    /// <summary>Adds the options alone, for a command with its own file argument.</summary>
    public void AddOptionsTo(Command command)
    {
        foreach (Option option in new Option[] { _runColumn, _timeColumn, _timeUnit, _timeFormat, _timeZone,
            _labelColumns, _separator, _decimalComma, _includeRaman })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The reader options given on the command line.</summary>
    public CsvReadOptions Bind(ParseResult parse) => new()
    {
        RunColumn = parse.GetValue(_runColumn),
        TimeColumn = parse.GetValue(_timeColumn),
        TimeUnit = parse.GetValue(_timeUnit) is { } unit ? Enum.Parse<TimeUnit>(unit, ignoreCase: true) : null,
        DateTimeFormat = parse.GetValue(_timeFormat),
        TimeZone = parse.GetValue(_timeZone),
        LabelColumns = parse.GetValue(_labelColumns) ?? [],
        Separator = parse.GetValue(_separator) is { } s ? Separator(s) : null,
        DecimalComma = parse.GetValue(_decimalComma) ? true : null,
        IncludeRaman = parse.GetValue(_includeRaman),
    };

    private static char Separator(string text) => text switch
    {
        "tab" => '\t',
        { Length: 1 } => text[0],
        _ => throw new Engine.FermentDataException(
            $"--separator '{text}': expected one character such as ',' or ';', or 'tab'."),
    };

    // A misspelt option would otherwise be taken for a file name and refused as a missing file.
    private static Argument<string[]> FilesArgument()
    {
        var files = new Argument<string[]>("files")
        {
            Description = "Run files (.csv or .csv.gz).",
            Arity = ArgumentArity.OneOrMore,
        };
        files.Validators.Add(result =>
        {
            foreach (var token in result.Tokens.Where(t => t.Value.StartsWith("--", StringComparison.Ordinal)
                && !File.Exists(t.Value)))
            {
                result.AddError($"Unknown option '{token.Value}' (see --help).");
            }
        });
        return files;
    }
}
