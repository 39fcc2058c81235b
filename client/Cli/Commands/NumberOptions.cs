using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace FermentEngine.Cli.Commands;

/// <summary>Optional numeric options whose parse errors name the option and what it takes (the parser's own message
/// names a .NET type).</summary>
internal static class NumberOptions
{
    /// <summary>An optional whole-number option.</summary>
    public static Option<int?> Whole(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = result => Parse<int>(result, name, "a whole number",
            text => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) ? v : null),
    };

    /// <summary>An optional decimal-number option (a point as decimal mark).</summary>
    public static Option<double?> Decimal(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = result => Parse<double>(result, name, "a number such as 0.01",
            text => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : null),
    };

    private static T? Parse<T>(ArgumentResult result, string name, string expected, Func<string, T?> parse)
        where T : struct
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (parse(text) is T value)
        {
            return value;
        }

        result.AddError($"{name}: '{text}' is not {expected}.");
        return null;
    }
}
