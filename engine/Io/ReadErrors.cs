using System.Diagnostics.CodeAnalysis;

namespace FermentEngine.Engine.Io;

/// <summary>
/// The reader's refusals. Each message starts with <c>file, line N, column `name`:</c> and then says what was
/// found and what was expected; the exception's properties carry the same facts.
/// </summary>
internal static class ReadErrors
{
    public static FermentDataException EmptyFile(string path) =>
        new($"{path}, line 1: the file is empty; expected a header line naming the columns.", path, 1);

    public static FermentDataException NoDataRows(string path) =>
        new($"{path}, line 2: the file has a header but no data rows.", path, 2);

    public static FermentDataException EmptyHeaderName(string path, int index) =>
        new($"{path}, line 1, column {index + 1}: the header name is empty; every column needs a name.",
            path, 1, $"#{index + 1}");

    public static FermentDataException DuplicateHeader(string path, string name, int first, int second) =>
        new($"{path}, line 1, column `{name}`: the header name appears twice (columns {first + 1} and "
            + $"{second + 1}); column names must be unique.", path, 1, name);

    public static FermentDataException MissingColumn(string path, string option, string name, string[] header) =>
        new($"{path}, line 1, column `{name}`: no such column for the {option}; the header has "
            + $"{string.Join(", ", header.Take(12).Select(h => $"`{h}`"))}{(header.Length > 12 ? ", ..." : "")}.",
            path, 1, name);

    public static FermentDataException NoTimeColumn(string path, string[] header) =>
        new($"{path}, line 1: no time column found (looked for `Time (h)`, `Time`, `Timestamp`, `Datetime`, "
            + $"`Date`); name one with the time-column option. The header has "
            + $"{string.Join(", ", header.Take(12).Select(h => $"`{h}`"))}.", path, 1);

    public static FermentDataException Ragged(string path, int line, int count, int expected, string[] names)
    {
        string column = count < expected ? names[count] : $"#{expected + 1}";
        string what = count < expected
            ? $"values stop before column `{column}`"
            : $"value {expected + 1} has no column name";
        return new FermentDataException(
            $"{path}, line {line}, column `{column}`: the row has {count} values but the header has {expected} "
            + $"names ({what}).", path, line, column);
    }

    public static FermentDataException BadTime(string path, int line, string column, string token, string expected) =>
        new($"{path}, line {line}, column `{column}`: '{token}' is not a valid time; expected {expected}.",
            path, line, column);

    public static FermentDataException NoNumericChannel(string path, IReadOnlyList<string> textColumns) =>
        new($"{path}, line 2, column `{(textColumns.Count > 0 ? textColumns[0] : "(none)")}`: no numeric channel; "
            + (textColumns.Count > 0
                ? $"the columns {string.Join(", ", textColumns.Select(c => $"`{c}`"))} hold text."
                : "every column is the time, run-id or a label column."),
            path, 2, textColumns.Count > 0 ? textColumns[0] : null);

    public static FermentDataException TimeBackwards(string path, TimeStepBack step, string column, bool naiveClock) =>
        new($"{path}, line {step.Line}, column `{column}`: time goes backwards within a run: '{step.Value}' "
            + $"after '{step.Previous}' on line {step.PreviousLine}; the timestamps are not increasing."
            + (naiveClock
                ? " The times are naive local clock times, so this is likely a DST fall-back (the clock hour "
                  + "repeats); supply the time zone (e.g. Europe/Berlin) or write UTC / offset timestamps."
                : " Sort the rows or split the runs with a run-id column."),
            path, step.Line, column);

    public static FermentDataException MixedDecimalMarks(
        string path, string column, IReadOnlyList<(int Line, string Token)> cells, bool decimalComma)
    {
        string mark = decimalComma ? "a decimal comma" : "a decimal point";
        string other = decimalComma ? "a decimal point" : "a decimal comma";
        string lines = string.Join(", ", cells.Take(10).Select(c => c.Line));
        string tokens = string.Join(", ", cells.Take(10).Select(c => $"'{c.Token}'"));
        return new FermentDataException(
            $"{path}, lines {lines}, column `{column}`: the file mixes decimal marks; its numbers use {mark} but "
            + $"{tokens} use{(cells.Count == 1 ? "s" : "")} {other}. Refusing rather than guessing "
            + "(one of them could be a thousands separator); write every number with one mark.",
            path, cells[0].Line, column);
    }

    public static FermentDataException FloatRunIds(
        string path, string column, int distinct, int rows, string example, int line, string? suggestion) =>
        new($"{path}, line {line}, column `{column}`: `{column}` has {distinct} distinct non-integer values in "
            + $"{rows} rows (e.g. {example}), so it cannot be a run identifier; it looks like a measured value."
            + (suggestion is null
                ? " Name the run-id column with the run-column option."
                : $" Use an integer-valued column such as `{suggestion}` as the run column."),
            path, line, column);

    public static FermentDataException EmptyRunId(string path, int line, string column) =>
        new($"{path}, line {line}, column `{column}`: the run id is empty; every row needs one.", path, line, column);

    public static FermentDataException RunNotContiguous(string path, int line, string column, string run) =>
        new($"{path}, line {line}, column `{column}`: run '{run}' appears again after other runs; the rows of a run "
            + "must be consecutive.", path, line, column);

    public static FermentDataException ChannelsDiffer(string path, string first, string column) =>
        new($"{path}, line 1, column `{column}`: the channels differ from those of {first}; files read together "
            + "must have the same channel columns in the same order.", path, 1, column);

    [DoesNotReturn]
    public static void Throw(FermentDataException exception) => throw exception;
}
