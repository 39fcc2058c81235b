using System.Globalization;

namespace FermentEngine.Engine.Io;

/// <summary>
/// Reads one time column: numbers in a unit, or date-times (with offsets, naive, or naive in a declared zone).
/// Date-times become hours since 1970-01-01 (UTC, or wall clock when naive without zone); the assembler then
/// makes them elapsed hours from each run's first sample.
/// </summary>
internal sealed class TimeAxisParser
{
    private static readonly string[] s_isoNaive =
    [
        "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-ddTHH:mm",
        "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-ddTHH:mm:ss.FFFFFFF",
    ];

    private readonly CultureInfo _culture;
    private readonly string[] _formats;
    private readonly TimeZoneInfo? _zone;
    private double _previousHours = double.NegativeInfinity;

    private TimeAxisParser(TimeKind kind, double hoursPerUnit, string[] formats, TimeZoneInfo? zone, bool comma)
    {
        Kind = kind;
        HoursPerUnit = hoursPerUnit;
        _formats = formats;
        _zone = zone;
        _culture = comma ? CsvSource.DecimalCommaCulture : CultureInfo.InvariantCulture;
    }

    public TimeKind Kind { get; }

    /// <summary>Hours per unit of a numeric column (1, 1/60 or 1/3600).</summary>
    public double HoursPerUnit { get; }

    public bool IsDateTime => Kind != TimeKind.Numeric;

    /// <summary>Whether the clock is naive local time with no zone to resolve it (DST can repeat hours).</summary>
    public bool IsNaiveClock => Kind is TimeKind.Naive && _zone is null;

    /// <summary>What a valid token looks like, for messages.</summary>
    public string Expected => Kind switch
    {
        TimeKind.Numeric => HoursPerUnit switch { 1 => "a number of hours", < 0.02 => "a number of seconds",
            _ => "a number of minutes" },
        TimeKind.Offset => "an ISO-8601 timestamp with offset (e.g. 2023-03-25T12:00:00+01:00)",
        _ => $"a date-time like {DateTime.UnixEpoch.AddHours(1).ToString(_formats[0], CultureInfo.InvariantCulture)}",
    };

    public static TimeAxisParser Numeric(double hoursPerUnit, bool decimalComma) =>
        new(TimeKind.Numeric, hoursPerUnit, [], null, decimalComma);

    /// <summary>Chooses the time format from the first tokens of the column and the options.</summary>
    /// <returns>The parser, or null when the tokens are neither numbers nor date-times of a known form.</returns>
    public static TimeAxisParser? Detect(
        IReadOnlyList<string> tokens, CsvReadOptions options, double hoursPerUnit, bool decimalComma, string path)
    {
        TimeZoneInfo? zone = options.TimeZone is { } id ? FindZone(id, path) : null;
        if (options.DateTimeFormat is { } format)
        {
            bool offset = format.Contains('z') || format.Contains('K');
            return new(offset ? TimeKind.Offset : TimeKind.Naive, 1, [format], zone, decimalComma);
        }

        string first = tokens.FirstOrDefault(t => t.Length > 0) ?? "";
        var culture = decimalComma ? CsvSource.DecimalCommaCulture : CultureInfo.InvariantCulture;
        if (first.Length == 0 || double.TryParse(first, NumberStyles.Float, culture, out _))
        {
            return Numeric(hoursPerUnit, decimalComma);
        }

        if (HasOffset(first) && DateTimeOffset.TryParse(first, CultureInfo.InvariantCulture, out _))
        {
            return new(TimeKind.Offset, 1, [], zone, decimalComma);
        }

        if (DateTime.TryParseExact(first, s_isoNaive, CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            return new(TimeKind.Naive, 1, s_isoNaive, zone, decimalComma);
        }

        return NumericDate(tokens, zone, decimalComma);
    }

    /// <summary>Reads a token as hours.</summary>
    /// <param name="token">The time cell, trimmed.</param>
    /// <param name="newRun">True on the first row of a run, so that DST resolution starts afresh.</param>
    /// <param name="hours">Hours in the column's unit, or since 1970 for date-times; NaN when unreadable.</param>
    public bool TryParse(ReadOnlySpan<char> token, bool newRun, out double hours)
    {
        hours = double.NaN;
        if (newRun)
        {
            _previousHours = double.NegativeInfinity;
        }

        bool ok = Kind switch
        {
            TimeKind.Numeric => TryParseNumber(token, out hours),
            TimeKind.Offset => TryParseOffset(token, out hours),
            _ => TryParseNaive(token, out hours),
        };
        _previousHours = ok ? hours : _previousHours;
        return ok;
    }

    private bool TryParseNumber(ReadOnlySpan<char> token, out double hours)
    {
        bool ok = double.TryParse(token, NumberStyles.Float, _culture, out double value) && double.IsFinite(value);
        hours = value * HoursPerUnit;
        return ok;
    }

    private bool TryParseOffset(ReadOnlySpan<char> token, out double hours)
    {
        hours = double.NaN;
        DateTimeOffset instant = default;
        bool ok = _formats.Length > 0
            ? DateTimeOffset.TryParseExact(token, _formats, CultureInfo.InvariantCulture, DateTimeStyles.None,
                out instant)
            : HasOffset(token) && DateTimeOffset.TryParse(token, CultureInfo.InvariantCulture, out instant);
        if (ok)
        {
            hours = HoursSinceEpoch(instant.UtcTicks);
        }

        return ok;
    }

    private bool TryParseNaive(ReadOnlySpan<char> token, out double hours)
    {
        hours = double.NaN;
        if (!DateTime.TryParseExact(token, _formats, CultureInfo.InvariantCulture, DateTimeStyles.None,
            out DateTime local))
        {
            return false;
        }

        if (_zone is null)
        {
            hours = HoursSinceEpoch(local.Ticks);
            return true;
        }

        if (_zone.IsInvalidTime(local))
        {
            return false;
        }

        hours = HoursSinceEpoch(ResolveInZone(local).Ticks);
        return true;
    }

    /// <summary>A repeated wall-clock time takes the earliest instant after the previous row's.</summary>
    private DateTime ResolveInZone(DateTime local)
    {
        if (!_zone!.IsAmbiguousTime(local))
        {
            return TimeZoneInfo.ConvertTimeToUtc(local, _zone);
        }

        DateTime[] candidates = _zone.GetAmbiguousTimeOffsets(local)
            .Select(offset => DateTime.SpecifyKind(local - offset, DateTimeKind.Utc))
            .Order()
            .ToArray();
        foreach (DateTime utc in candidates)
        {
            if (HoursSinceEpoch(utc.Ticks) > _previousHours)
            {
                return utc;
            }
        }

        return candidates[^1];
    }

    private static TimeAxisParser? NumericDate(IReadOnlyList<string> tokens, TimeZoneInfo? zone, bool comma)
    {
        string first = tokens.First(t => t.Length > 0);
        char mark = first.Length > 2 && (first[1] == '.' || first[2] == '.') ? '.'
            : first.Length > 2 && (first[1] == '/' || first[2] == '/') ? '/' : '\0';
        if (mark == '\0')
        {
            return null;
        }

        // The first two date fields are day and month in some order; a value above 12 settles which.
        bool dayFirst = mark == '.';
        foreach (string token in tokens)
        {
            string[] parts = token.Split(mark, 3);
            if (parts.Length == 3 && int.TryParse(parts[0], out int a) && int.TryParse(parts[1], out int b))
            {
                if (a > 12)
                {
                    dayFirst = true;
                    break;
                }

                if (b > 12)
                {
                    dayFirst = false;
                    break;
                }
            }
        }

        // TODO(#2): slashed dates whose first rows never pass day 12 are read day-first; scan further.
        string m = mark == '.' ? "'.'" : "'/'";
        string date = dayFirst ? $"d{m}M{m}yyyy" : $"M{m}d{m}yyyy";
        string[] formats = [$"{date} H:mm:ss", $"{date} H:mm", $"{date} H:mm:ss.FFFFFFF"];
        return DateTime.TryParseExact(first, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            ? new TimeAxisParser(TimeKind.Naive, 1, formats, zone, comma)
            : null;
    }

    /// <summary>True when the token ends in <c>Z</c> or has a <c>±hh:mm</c> / <c>±hhmm</c> offset after the time.
    /// </summary>
    private static bool HasOffset(ReadOnlySpan<char> token)
    {
        if (token.Length < 11)
        {
            return false;
        }

        if (token[^1] is 'Z' or 'z')
        {
            return true;
        }

        int sign = token[10..].LastIndexOfAny('+', '-');
        return sign >= 0 && token[10..].IndexOf(':') >= 0 && sign > token[10..].IndexOf(':');
    }

    private static TimeZoneInfo FindZone(string id, string path)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new FermentDataException(
                $"{path}: unknown time zone '{id}'; give an IANA zone id such as Europe/Berlin or UTC.", path);
        }
    }

    private static double HoursSinceEpoch(long ticks) =>
        (double)(ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerHour;
}
