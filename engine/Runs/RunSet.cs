namespace FermentEngine.Engine.Runs;

/// <summary>
/// Many runs with the same channels and possibly different lengths. The runs' values live in one contiguous
/// float32 buffer <c>[total steps × channel]</c>, so a backend can read the whole set without copying.
/// </summary>
public sealed class RunSet
{
    private readonly float[]? _buffer;
    private IReadOnlyList<BadCell>? _badCells;

    /// <summary>Creates a set over runs that already exist (their buffers are not merged).</summary>
    public RunSet(IReadOnlyList<Run> runs, IReadOnlyList<string>? notes = null)
    {
        ArgumentNullException.ThrowIfNull(runs);
        Runs = runs;
        Channels = runs.Count > 0 ? runs[0].Channels : [];
        Notes = notes ?? [];
        foreach (var run in runs)
        {
            if (!SameChannels(run.Channels, Channels))
            {
                throw new ArgumentException(
                    $"Run '{run.Name}' has channels that differ from run '{runs[0].Name}'.", nameof(runs));
            }
        }
    }

    /// <summary>Creates a set over one contiguous buffer that the given runs are views of.</summary>
    /// <param name="buffer">Row-major values of all runs, one after another.</param>
    /// <param name="runs">The runs, each a view over a slice of <paramref name="buffer"/>.</param>
    /// <param name="notes">What the reader repaired, skipped or noticed.</param>
    internal RunSet(float[] buffer, IReadOnlyList<Run> runs, IReadOnlyList<string> notes)
        : this(runs, notes)
    {
        _buffer = buffer;
    }

    /// <summary>The runs, in source order.</summary>
    public IReadOnlyList<Run> Runs { get; }

    /// <summary>The channels shared by every run.</summary>
    public IReadOnlyList<ChannelInfo> Channels { get; }

    /// <summary>What the reader repaired, skipped or noticed, one sentence each (e.g. a realigned header).</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>Every run's <see cref="Run.BadCells"/>, run after run.</summary>
    public IReadOnlyList<BadCell> BadCells => _badCells ??= Runs.SelectMany(r => r.BadCells).ToList();

    /// <summary>The contiguous buffer behind every run, when the set was read into one; else empty.</summary>
    public ReadOnlyMemory<float> Buffer => _buffer;

    /// <summary>Finds a run by name.</summary>
    public Run? Find(string name) => Runs.FirstOrDefault(r => r.Name == name);

    /// <summary>The runs whose labels satisfy <paramref name="predicate"/>, as a new set.</summary>
    public RunSet Where(Func<Run, bool> predicate) => new(Runs.Where(predicate).ToList(), Notes);

    /// <summary>Joins several sets with the same channels into one.</summary>
    public static RunSet Concat(IEnumerable<RunSet> sets)
    {
        var list = sets.ToList();
        return new RunSet(list.SelectMany(s => s.Runs).ToList(), list.SelectMany(s => s.Notes).ToList());
    }

    private static bool SameChannels(IReadOnlyList<ChannelInfo> a, IReadOnlyList<ChannelInfo> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        for (int i = 0; i < a.Count; i++)
        {
            if (a[i].Name != b[i].Name)
            {
                return false;
            }
        }

        return true;
    }
}
