namespace FermentEngine.Engine.Exploration;

/// <summary>How many runs share one combination of run labels.</summary>
/// <param name="Labels">The combination, by label name.</param>
/// <param name="Count">The runs that carry exactly these labels.</param>
public sealed record LabelCount(IReadOnlyDictionary<string, string> Labels, int Count)
{
    /// <summary>
    /// The combination as text, labels sorted by name: <c>control=recipe, fault=0</c>; empty for none.
    /// </summary>
    public string Key => string.Join(", ", Labels.OrderBy(l => l.Key, StringComparer.Ordinal)
        .Select(l => $"{l.Key}={l.Value}"));
}
