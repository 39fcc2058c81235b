namespace FermentEngine.Engine;

/// <summary>
/// Input that the engine refuses: a bad cell, header, run or channel set. The message names the file, line
/// and column (or the run, time and channel) and the problem; the properties carry the same facts for callers
/// that map them to their own error format.
/// </summary>
public class FermentDataException : Exception
{
    /// <summary>Creates the exception with a complete, human-readable message.</summary>
    public FermentDataException(string message, string? path = null, int? line = null, string? column = null)
        : base(message)
    {
        Path = path;
        Line = line;
        Column = column;
    }

    /// <summary>The file the bad input came from, when it came from a file.</summary>
    public string? Path { get; }

    /// <summary>The 1-based file line (the header is line 1), when one line is at fault.</summary>
    public int? Line { get; }

    /// <summary>The column (channel) name, when one column is at fault.</summary>
    public string? Column { get; }
}
