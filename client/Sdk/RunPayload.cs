namespace FermentEngine.Client;

/// <summary>
/// One run to send: a time axis in hours and a float32 matrix <c>[time × channel]</c>, row-major, with NaN for
/// a missing cell. The buffers are sent as they are; do not change them until the call has completed.
/// </summary>
public sealed class RunPayload
{
    /// <summary>Creates a run over existing buffers without copying them.</summary>
    /// <param name="name">The run's identifier, unique within a call (e.g. the batch number).</param>
    /// <param name="channels">Channel names, in column order of <paramref name="values"/>.</param>
    /// <param name="timeHours">Elapsed hours of each step, strictly increasing.</param>
    /// <param name="values">Row-major <c>[time × channel]</c>; length = steps × channels.</param>
    /// <param name="labels">Run-level labels, or null.</param>
    /// <exception cref="ArgumentException">The lengths disagree, or a name is empty.</exception>
    public RunPayload(
        string name,
        IReadOnlyList<string> channels,
        ReadOnlyMemory<double> timeHours,
        ReadOnlyMemory<float> values,
        IReadOnlyDictionary<string, string>? labels = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(channels);
        if (values.Length != timeHours.Length * channels.Count)
        {
            throw new ArgumentException(
                $"Run '{name}': {values.Length} values do not fill {timeHours.Length} steps x {channels.Count} "
                + "channels.", nameof(values));
        }

        Name = name;
        Channels = channels;
        TimeHours = timeHours;
        Values = values;
        Labels = labels ?? new Dictionary<string, string>();
    }

    /// <summary>The run's identifier.</summary>
    public string Name { get; }

    /// <summary>Channel names in column order.</summary>
    public IReadOnlyList<string> Channels { get; }

    /// <summary>Elapsed hours of each step.</summary>
    public ReadOnlyMemory<double> TimeHours { get; }

    /// <summary>Row-major <c>[time × channel]</c> float32 values; NaN marks a missing cell.</summary>
    public ReadOnlyMemory<float> Values { get; }

    /// <summary>Run-level labels.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; }

    /// <summary>The number of steps.</summary>
    public int StepCount => TimeHours.Length;
}
