namespace FermentEngine.Engine.Io;

/// <summary>
/// How <see cref="RunReader"/> reads a generic (historian) CSV file. Every property has a default that detects
/// or picks the usual choice; the IndPenSim layout, recognised by its header, needs none of them except
/// <see cref="IncludeRaman"/> and <see cref="SparseThreshold"/>.
/// </summary>
public sealed record CsvReadOptions
{
    /// <summary>
    /// The column whose value names the run of each row; rows of one run must be consecutive. Null: a column named
    /// <c>Batch ID</c>, <c>Batch</c>, <c>Run</c> or <c>Run ID</c> (any case) if there is one, else the whole file
    /// is one run named after the file. A column whose values are non-integer and nearly all distinct is refused.
    /// </summary>
    public string? RunColumn { get; init; }

    /// <summary>
    /// The time column: numbers (see <see cref="TimeUnit"/>) or date-times. Null: a column named <c>Time (h)</c>,
    /// <c>Time</c>, <c>Timestamp</c>, <c>Datetime</c> or <c>Date</c> (any case), else the first named
    /// <c>Time (unit)</c> or <c>Time [unit]</c>.
    /// </summary>
    public string? TimeColumn { get; init; }

    /// <summary>
    /// The unit of a numeric time column. Null: taken from the column name's <c>(h)</c>, <c>(min)</c> or
    /// <c>(s)</c> (or in square brackets), else hours. Ignored for date-times.
    /// </summary>
    public TimeUnit? TimeUnit { get; init; }

    /// <summary>
    /// A .NET exact date-time format of the time column, e.g. <c>dd.MM.yyyy HH:mm:ss</c>. Null: ISO-8601 (with or
    /// without offset) or numeric dates with <c>.</c> or <c>/</c>, whose day/month order is settled by the first
    /// rows (a day above 12); dotted dates that stay ambiguous are read day-first.
    /// </summary>
    public string? DateTimeFormat { get; init; }

    /// <summary>
    /// IANA zone of naive local clock times, e.g. <c>Europe/Berlin</c>. Repeated wall-clock times at a DST
    /// fall-back resolve in order (first occurrence summer time, second winter time); times inside a
    /// spring-forward gap are refused. Null: naive times are taken as they are, and a clock going backwards is
    /// refused with a hint at DST. Offsets written in the timestamps always win.
    /// </summary>
    public string? TimeZone { get; init; }

    /// <summary>The field separator. Null: detected among <c>,</c> <c>;</c> and tab from the header line.</summary>
    public char? Separator { get; init; }

    /// <summary>
    /// Whether numbers use a decimal comma (<c>1,012</c> = 1.012). Null: detected from the first rows, possible only
    /// with a <c>;</c> or tab separator. A file that mixes decimal marks in its numbers is refused either way.
    /// </summary>
    public bool? DecimalComma { get; init; }

    /// <summary>
    /// Columns kept as per-step labels (<see cref="Runs.Run.StepLabels"/>, numbers or NaN) and, where constant
    /// over a run, as run labels (<see cref="Runs.Run.Labels"/>, the text as written). Never channels.
    /// </summary>
    public IReadOnlyList<string> LabelColumns { get; init; } = [];

    /// <summary>
    /// Whether the 2,200 Raman intensity columns of the public IndPenSim file become channels. Default false:
    /// they are skipped and the skip is counted in <see cref="Runs.RunSet.Notes"/>.
    /// </summary>
    public bool IncludeRaman { get; init; }

    /// <summary>
    /// A channel filled (non-empty) on fewer than this fraction of the set's rows is
    /// <see cref="Runs.ChannelKind.Sparse"/>. Default 0.5. IndPenSim's five offline columns are sparse always.
    /// </summary>
    public double SparseThreshold { get; init; } = 0.5;
}
