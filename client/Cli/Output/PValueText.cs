using System.Globalization;
using System.Text.RegularExpressions;

namespace FermentEngine.Cli.Output;

/// <summary>p-values in text, so that a positive p never reads as 0.</summary>
internal static partial class PValueText
{
    /// <summary>Below this, p is written in exponent form.</summary>
    private const double Smallest = 1e-4;

    /// <summary>Four decimals from 1e-4 up (<c>0.0032</c>), exponent form below (<c>1.8e-5</c>); invariant culture.
    /// </summary>
    public static string Format(double p) =>
        p.ToString(p < Smallest ? "0.0e0" : "0.0000", CultureInfo.InvariantCulture);

    /// <summary>A reason from the engine or a server with each <c>p = 0</c> (a small p rounded to four decimals)
    /// written as <c>p &lt; 0.0001</c>; every other text unchanged.</summary>
    public static string InReason(string reason) => RoundedToZero().Replace(reason, "p < 0.0001");

    // "p = 0" not followed by more digits or a decimal mark: the engine writes p with up to four decimals.
    [GeneratedRegex(@"\bp = 0(?![0-9.,])")]
    private static partial Regex RoundedToZero();
}
