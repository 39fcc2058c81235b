namespace FermentEngine.Engine.Io;

/// <summary>Shape tests on number tokens, used to tell decimal marks apart and to spot non-finite words.</summary>
internal static class NumberText
{
    /// <summary>
    /// True for <c>[sign] digits mark digits [exponent]</c> with exactly one <paramref name="mark"/> and no other
    /// separator, e.g. <c>1,012</c> for a comma.
    /// </summary>
    public static bool IsDecimal(ReadOnlySpan<char> token, char mark)
    {
        int i = token.Length > 0 && (token[0] == '-' || token[0] == '+') ? 1 : 0;
        int before = CountDigits(token, ref i);
        if (before == 0 || i >= token.Length || token[i] != mark)
        {
            return false;
        }

        i++;
        int after = CountDigits(token, ref i);
        if (after == 0)
        {
            return false;
        }

        if (i < token.Length && (token[i] == 'e' || token[i] == 'E'))
        {
            i++;
            i += i < token.Length && (token[i] == '-' || token[i] == '+') ? 1 : 0;
            if (CountDigits(token, ref i) == 0)
            {
                return false;
            }
        }

        return i == token.Length;
    }

    /// <summary>True for NaN and infinity words in the spellings exports use (<c>NaN</c>, <c>inf</c>, ...).</summary>
    public static bool IsNonFinite(ReadOnlySpan<char> token)
    {
        ReadOnlySpan<char> t = token.Length > 0 && (token[0] == '-' || token[0] == '+') ? token[1..] : token;
        return t.Equals("nan", StringComparison.OrdinalIgnoreCase)
            || t.Equals("inf", StringComparison.OrdinalIgnoreCase)
            || t.Equals("infinity", StringComparison.OrdinalIgnoreCase);
    }

    private static int CountDigits(ReadOnlySpan<char> token, ref int i)
    {
        int start = i;
        while (i < token.Length && char.IsAsciiDigit(token[i]))
        {
            i++;
        }

        return i - start;
    }
}
