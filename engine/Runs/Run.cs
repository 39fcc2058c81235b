namespace FermentEngine.Engine.Runs;

/// <summary>
/// One fermentation run: a time axis in hours and a float32 matrix <c>[time × channel]</c>, row-major,
/// with <see cref="float.NaN"/> for missing cells. The values are a view; a run from a <see cref="RunSet"/>
/// shares the set's contiguous buffer, and a run built over wire bytes shares those bytes.
/// </summary>
/// <remarks>Immutable and safe to read from several threads.</remarks>
public sealed class Run
{
    /// <summary>Creates a run over existing buffers without copying them.</summary>
    /// <param name="name">The run's identifier, e.g. the batch number.</param>
    /// <param name="channels">The channels, in column order of <paramref name="values"/>.</param>
    /// <param name="timeHours">Elapsed time of each step in hours, strictly increasing.</param>
    /// <param name="values">Row-major <c>[time × channel]</c> values; length = steps × channels.</param>
    /// <param name="labels">Run-level labels (control strategy, fault flag, category...).</param>
    /// <param name="stepLabels">Per-step label series (e.g. fault reference), each one value per step.</param>
    /// <param name="source">Where the rows came from, for error messages; may be null.</param>
    /// <exception cref="ArgumentException">The buffer lengths do not agree.</exception>
    public Run(
        string name,
        IReadOnlyList<ChannelInfo> channels,
        ReadOnlyMemory<double> timeHours,
        ReadOnlyMemory<float> values,
        IReadOnlyDictionary<string, string>? labels = null,
        IReadOnlyDictionary<string, float[]>? stepLabels = null,
        RunSource? source = null)
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

    /// <summary>The number of time steps.</summary>
    public int StepCount => TimeHours.Length;

    /// <summary>The number of channels.</summary>
    public int ChannelCount => Channels.Count;

    /// <summary>The run's length in hours (last time stamp minus first; 0 for fewer than two steps).</summary>
    public double LengthHours => StepCount < 2 ? 0 : TimeHours.Span[^1] - TimeHours.Span[0];

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

    /// <summary>The first <paramref name="stepCount"/> steps of this run, sharing its buffers (a partial run).</summary>
    public Run Prefix(int stepCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(stepCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(stepCount, StepCount);
        var steps = new Dictionary<string, float[]>();
        foreach (var (key, series) in StepLabels)
        {
            steps[key] = series[..stepCount];
        }

        return new Run(Name, Channels, TimeHours[..stepCount], Values[..(stepCount * ChannelCount)],
            Labels, steps, Source);
    }
}
