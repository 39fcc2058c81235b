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
    /// <param name="sparseChannels">Channels filled on few steps (offline assays), which training leaves out
    /// unless its options name them; null when every channel is continuous.</param>
    /// <exception cref="ArgumentException">The lengths disagree, a name is empty, or a sparse channel is not
    /// one of <paramref name="channels"/>.</exception>
    public RunPayload(
        string name,
        IReadOnlyList<string> channels,
        ReadOnlyMemory<double> timeHours,
        ReadOnlyMemory<float> values,
        IReadOnlyDictionary<string, string>? labels = null,
        IReadOnlyCollection<string>? sparseChannels = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(channels);
        if (values.Length != timeHours.Length * channels.Count)
        {
            throw new ArgumentException(
                $"Run '{name}': {values.Length} values do not fill {timeHours.Length} steps x {channels.Count} "
                + "channels.", nameof(values));
        }

        if (sparseChannels?.FirstOrDefault(s => !channels.Contains(s)) is { } unknown)
        {
            throw new ArgumentException($"Run '{name}': sparse channel '{unknown}' is not one of its channels.",
                nameof(sparseChannels));
        }

        Name = name;
        Channels = channels;
        SparseChannels = sparseChannels ?? [];
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

    /// <summary>Channels filled on few steps; empty when every channel is continuous.</summary>
    public IReadOnlyCollection<string> SparseChannels { get; }

    /// <summary>Run-level labels.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; }

    /// <summary>The number of steps.</summary>
    public int StepCount => TimeHours.Length;
}
