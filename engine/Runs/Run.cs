namespace FermentEngine.Engine.Runs;

/// <summary>
/// One fermentation run: a time axis in hours and a float32 matrix <c>[time × channel]</c>, row-major,
/// with <see cref="float.NaN"/> for missing cells. The values are a view; a run from a <see cref="RunSet"/>
/// shares the set's contiguous buffer, and a run built over wire bytes shares those bytes.
/// </summary>
/// <remarks>Immutable and safe to read from several threads.</remarks>
public sealed class Run
{
    private RunSampling? _sampling;

    /// <summary>Creates a run over existing buffers without copying them.</summary>
    /// <param name="name">The run's identifier, e.g. the batch number.</param>
    /// <param name="channels">The channels, in column order of <paramref name="values"/>.</param>
    /// <param name="timeHours">Time of each step in hours, non-decreasing (readers refuse time going backwards and
    /// report repeated time stamps in their notes).</param>
    /// <param name="values">Row-major <c>[time × channel]</c> values; length = steps × channels.</param>
    /// <param name="labels">Run-level labels (control strategy, fault flag, category...).</param>
    /// <param name="stepLabels">Per-step label series (e.g. fault reference), each one value per step.</param>
    /// <param name="source">Where the rows came from, for error messages; may be null.</param>
    /// <param name="badCells">Cells kept as NaN because their token was not a finite number, in line order.</param>
    /// <exception cref="ArgumentException">The buffer lengths do not agree.</exception>
    public Run(
        string name,
        IReadOnlyList<ChannelInfo> channels,
        ReadOnlyMemory<double> timeHours,
        ReadOnlyMemory<float> values,
        IReadOnlyDictionary<string, string>? labels = null,
        IReadOnlyDictionary<string, float[]>? stepLabels = null,
        RunSource? source = null,
        IReadOnlyList<BadCell>? badCells = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(channels);
        if (values.Length != timeHours.Length * channels.Count)
        {
            throw new ArgumentException(
                $"Run '{name}': {values.Length} values do not fill {timeHours.Length} steps × "
                + $"{channels.Count} channels.", nameof(values));
        }

        Name = name;
        Channels = channels;
        TimeHours = timeHours;
        Values = values;
        Labels = labels ?? new Dictionary<string, string>();
        StepLabels = stepLabels ?? new Dictionary<string, float[]>();
        Source = source;
        BadCells = badCells ?? [];
    }

    /// <summary>The run's identifier.</summary>
    public string Name { get; }

    /// <summary>The channels in column order.</summary>
    public IReadOnlyList<ChannelInfo> Channels { get; }

    /// <summary>Elapsed hours of each step.</summary>
    public ReadOnlyMemory<double> TimeHours { get; }

    /// <summary>Row-major <c>[time × channel]</c> float32 values; NaN marks a missing cell.</summary>
    public ReadOnlyMemory<float> Values { get; }

    /// <summary>Run-level labels, by label name.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; }

    /// <summary>Per-step label series, by label name.</summary>
    public IReadOnlyDictionary<string, float[]> StepLabels { get; }

    /// <summary>Where the rows came from; null for runs built in memory or received over the wire.</summary>
    public RunSource? Source { get; }

    /// <summary>
    /// Cells of this run that the reader kept as NaN because their token was not a finite number (empty cells of
    /// continuous channels, <c>NaN</c>, <c>inf</c>, text); empty for runs built in memory. Empty cells of sparse
    /// channels are ordinary missing values and are not listed.
    /// </summary>
    public IReadOnlyList<BadCell> BadCells { get; }

    /// <summary>The sampling regularity of <see cref="TimeHours"/>, measured on first use.</summary>
    public RunSampling Sampling => _sampling ??= RunSampling.Measure(TimeHours.Span);

    /// <summary>The number of time steps.</summary>
    public int StepCount => TimeHours.Length;

    /// <summary>The number of channels.</summary>
    public int ChannelCount => Channels.Count;

    /// <summary>
    /// The span the samples cover in hours: last time minus first plus one mean step
    /// (<c>(last − first) / (steps − 1)</c>), so that 1200 steps from 0.2 h to 240 h give 240 h; 0 for fewer than
    /// two steps.
    /// </summary>
    public double LengthHours
    {
        get
        {
            if (StepCount < 2)
            {
                return 0;
            }

            double covered = TimeHours.Span[^1] - TimeHours.Span[0];
            return covered + covered / (StepCount - 1);
        }
    }

    /// <summary>The values of one step, one per channel.</summary>
    public ReadOnlySpan<float> Row(int step) => Values.Span.Slice(step * ChannelCount, ChannelCount);

    /// <summary>Returns the index of the channel with this exact name, or -1.</summary>
    public int IndexOfChannel(string channelName)
    {
        for (int c = 0; c < Channels.Count; c++)
        {
            if (Channels[c].Name == channelName)
            {
                return c;
            }
        }

        return -1;
    }

    /// <summary>Describes a step for messages: the source line where known, else the time.</summary>
    public string DescribeStep(int step)
    {
        string time = $"Time {TimeHours.Span[step]:0.###} h";
        return Source is { } s && s.FirstLine > 0 && s.LineOfStep(step) is int line
            ? $"{s.Path}, line {line} ({time})"
            : $"run {Name}, {time}";
    }

    /// <summary>
    /// The first <paramref name="stepCount"/> steps of this run, sharing its buffers (a partial run); bad cells
    /// after the last step are left out.
    /// </summary>
    public Run Prefix(int stepCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(stepCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(stepCount, StepCount);
        var steps = new Dictionary<string, float[]>();
        foreach (var (key, series) in StepLabels)
        {
            steps[key] = series[..stepCount];
        }

        int lastLine = stepCount > 0 && Source?.LineOfStep(stepCount - 1) is int line ? line : int.MinValue;
        double end = stepCount > 0 ? TimeHours.Span[stepCount - 1] : double.NegativeInfinity;
        var bad = BadCells.Where(b => Source is null ? b.TimeHours <= end : b.Line <= lastLine).ToList();
        return new Run(Name, Channels, TimeHours[..stepCount], Values[..(stepCount * ChannelCount)],
            Labels, steps, Source, bad);
    }
}
