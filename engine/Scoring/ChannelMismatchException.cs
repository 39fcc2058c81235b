namespace FermentEngine.Engine.Scoring;

/// <summary>Runs do not carry the channels a model was trained on.</summary>
public sealed class ChannelMismatchException : FermentDataException
{
    /// <summary>Creates the exception from the channels that are missing from and extra in the runs.</summary>
    public ChannelMismatchException(string runName, IReadOnlyList<string> missing, IReadOnlyList<string> extra)
        : base(Describe(runName, missing, extra))
    {
        Missing = missing;
        Extra = extra;
    }

    /// <summary>Channels the model needs that the run lacks.</summary>
    public IReadOnlyList<string> Missing { get; }

    /// <summary>Channels the run has that the model did not see in training.</summary>
    public IReadOnlyList<string> Extra { get; }

    private static string Describe(string runName, IReadOnlyList<string> missing, IReadOnlyList<string> extra)
    {
        string text = $"Run '{runName}' does not match the model's channels.";
        if (missing.Count > 0)
        {
            text += $" Missing: {string.Join(", ", missing.Select(m => $"'{m}'"))}.";
        }

        if (extra.Count > 0)
        {
            text += $" Not in the model: {string.Join(", ", extra.Select(m => $"'{m}'"))}.";
        }

        return text;
    }
}
