using FermentEngine.Engine.Runs;
using FermentEngine.Engine.Scoring;

namespace FermentEngine.Engine.Preprocessing;

/// <summary>
/// Channel selection, missing-value policy and per-channel scaling, fitted on training runs and applied the same
/// way at scoring. Immutable and thread-safe once fitted.
/// </summary>
public sealed class Preprocessor
{
    private const int MaxListedCells = 20;

    /// <summary>Creates a fitted preprocessor from stored parameters (used when loading a model).</summary>
    public Preprocessor(
        IReadOnlyList<string> channels,
        NormalizationKind normalization,
        MissingValuePolicy missingValues,
        float[] center,
        float[] scale,
        bool[] isConstant,
        float[]? trajectory = null)
    {
        if (center.Length != channels.Count || scale.Length != channels.Count || isConstant.Length != channels.Count)
        {
            throw new ArgumentException("Every channel needs a center, a scale and a constant flag.");
        }

        Channels = channels;
        Normalization = normalization;
        MissingValues = missingValues;
        Center = center;
        Scale = scale;
        IsConstant = isConstant;
        Trajectory = trajectory ?? [];
        if (Trajectory.Length % Math.Max(1, channels.Count) != 0)
        {
            throw new ArgumentException("The trajectory must hold whole steps of every channel.", nameof(trajectory));
        }
    }

    /// <summary>The model's channels, in input order.</summary>
    public IReadOnlyList<string> Channels { get; }

    /// <summary>The scaling kind.</summary>
    public NormalizationKind Normalization { get; }

    /// <summary>The missing-value policy.</summary>
    public MissingValuePolicy MissingValues { get; }

    /// <summary>Per-channel value subtracted (mean or median; the single value of a constant channel).</summary>
    public float[] Center { get; }

    /// <summary>Per-channel divisor: σ or IQR/1.349; for a (nearly) constant channel 1e-3 × max(|center|, 1).
    /// </summary>
    public float[] Scale { get; }

    /// <summary>Per-channel flag: the channel held one value in every training run.</summary>
    public bool[] IsConstant { get; }

    /// <summary>For <see cref="NormalizationKind.Trajectory"/>: the mean of the training runs at each step
    /// <c>[step × channel]</c>, then one row (the mean of its final 5 % of steps) that every later step uses. Empty
    /// for the other kinds.</summary>
    public float[] Trajectory { get; }

    /// <summary>Steps the trajectory covers one by one (0 without one); later steps are compared with its last row.
    /// </summary>
    public int TrajectorySteps => Trajectory.Length == 0 ? 0 : Trajectory.Length / Channels.Count - 1;

    /// <summary>Sets the reconstruction of every constant channel to its training value (0 once scaled), in place:
    /// a channel that held one value in every training run is expected to hold it, so it adds no error while it
    /// does and its whole departure when it does not.</summary>
    /// <param name="reconstruction">Scaled values <c>[time × channel]</c>.</param>
    public void PinConstantChannels(Span<float> reconstruction)
    {
        int channels = Channels.Count;
        for (int c = 0; c < channels; c++)
        {
            if (!IsConstant[c])
            {
                continue;
            }

            for (int i = c; i < reconstruction.Length; i += channels)
            {
                reconstruction[i] = 0;
            }
        }
    }

    /// <summary>The network's view of a scaled run: its constant channels at their training value, so that a
    /// departure is judged on its own channel and does not leak into the reconstruction of the others (the network
    /// never saw those channels move). The input itself when no channel is constant.</summary>
    public float[] NetworkInput(float[] input)
    {
        if (!IsConstant.Contains(true))
        {
            return input;
        }

        var pinned = (float[])input.Clone();
        PinConstantChannels(pinned);
        return pinned;
    }

    /// <summary>The value subtracted from channel <paramref name="channel"/> at step <paramref name="step"/>.</summary>
    public float CenterAt(int step, int channel)
    {
        if (Trajectory.Length == 0)
        {
            return Center[channel];
        }

        int steps = Trajectory.Length / Channels.Count;
        return Trajectory[Math.Min(step, steps - 1) * Channels.Count + channel];
    }

    /// <summary>Scales one raw value of a channel at a step, clamped to ±<see cref="MaxDeviation"/>.</summary>
    /// <remarks>The clamp keeps a wild but finite reading (1e20 from a broken transmitter) from overflowing the
    /// squared errors to infinity; such a value still scores far beyond any limit.</remarks>
    public float Normalize(int step, int channel, float value) =>
        Math.Clamp((value - CenterAt(step, channel)) / Scale[channel], -MaxDeviation, MaxDeviation);

    /// <summary>The largest scaled deviation kept, in scale units (1e6).</summary>
    public const float MaxDeviation = 1e6f;

    /// <summary>Picks the channels to model: the named ones, or every continuous channel of the runs.</summary>
    /// <exception cref="FermentDataException">A named channel does not exist, or none is left.</exception>
    public static IReadOnlyList<string> SelectChannels(
        IReadOnlyList<ChannelInfo> available, IReadOnlyList<string>? named)
    {
        if (named is null)
        {
            var continuous = available.Where(c => c.Kind == ChannelKind.Continuous).Select(c => c.Name).ToList();
            return continuous.Count > 0
                ? continuous
                : throw new FermentDataException("The runs have no continuously measured channel to model.");
        }

        var unknown = named.Where(n => available.All(c => c.Name != n)).ToList();
        if (unknown.Count > 0)
        {
            throw new FermentDataException(
                $"Unknown channel(s) {string.Join(", ", unknown.Select(u => $"'{u}'"))}; the runs have: "
                + string.Join(", ", available.Select(c => $"'{c.Name}'")) + ".");
        }

        return named.Count > 0 ? named : throw new FermentDataException("No channel was selected.");
    }

    /// <summary>Fits the scaling on the training runs (after the missing-value policy, if any, is applied).</summary>
    /// <exception cref="FermentDataException">A selected cell is missing or non-finite under the Error policy.
    /// </exception>
    public static Preprocessor Fit(
        IReadOnlyList<Run> runs, IReadOnlyList<string> channels, NormalizationKind normalization,
        MissingValuePolicy missingValues)
    {
        var raw = runs.Select(run => Extract(run, channels, missingValues, out _)).ToList();
        int channelCount = channels.Count;
        var center = new float[channelCount];
        var scale = new float[channelCount];
        var isConstant = new bool[channelCount];
        for (int c = 0; c < channelCount; c++)
        {
            var values = new List<float>();
            foreach (float[] matrix in raw)
            {
                for (int i = c; i < matrix.Length; i += channelCount)
                {
                    values.Add(matrix[i]);
                }
            }

            (center[c], float spread, isConstant[c]) = ChannelScaling.Fit(values, normalization);
            scale[c] = ChannelScaling.Floor(spread, center[c]);
        }

        if (normalization != NormalizationKind.Trajectory)
        {
            return new Preprocessor(channels, normalization, missingValues, center, scale, isConstant);
        }

        var (trajectory, spreads) = ChannelScaling.FitTrajectory(raw, channelCount);
        for (int c = 0; c < channelCount; c++)
        {
            scale[c] = ChannelScaling.Floor(spreads[c], center[c]);
        }

        return new Preprocessor(channels, normalization, missingValues, center, scale, isConstant, trajectory);
    }

    /// <summary>Checks, repairs and scales one run into a new <c>[time × channel]</c> buffer in model order.</summary>
    /// <param name="run">The run; extra channels are ignored.</param>
    /// <param name="repairs">Cells repaired by the missing-value policy.</param>
    /// <exception cref="ChannelMismatchException">The run lacks one of the model's channels.</exception>
    /// <exception cref="FermentDataException">A cell is missing or non-finite under the Error policy.</exception>
    public float[] Prepare(Run run, out int repairs)
    {
        float[] values = Extract(run, Channels, MissingValues, out repairs);
        int channelCount = Channels.Count;
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = Normalize(i / channelCount, i % channelCount, values[i]);
        }

        return values;
    }

    /// <summary>Departures of constant channels from their training value, one sentence each.</summary>
    public IReadOnlyList<string> ConstantDepartures(Run run)
    {
        var notes = new List<string>();
        int[] map = MapChannels(run, Channels);
        ReadOnlySpan<float> values = run.Values.Span;
        for (int c = 0; c < Channels.Count; c++)
        {
            if (!IsConstant[c])
            {
                continue;
            }

            for (int t = 0; t < run.StepCount; t++)
            {
                float v = values[t * run.ChannelCount + map[c]];
                if (float.IsFinite(v) && v != Center[c])
                {
                    notes.Add($"'{Channels[c]}' left the single value seen in training ({Center[c]:G7} → {v:G7}) "
                        + $"at {run.DescribeStep(t)}.");
                    break;
                }
            }
        }

        return notes;
    }

    /// <summary>A note when a run of <paramref name="steps"/> steps is longer than every reference run
    /// (<paramref name="longestReference"/> steps) and so reaches past the trajectory, else null.</summary>
    public string? BeyondTrajectory(string run, int steps, int longestReference) =>
        TrajectorySteps > 0 && steps > Math.Max(TrajectorySteps, longestReference)
            ? $"Run '{run}' has {steps} steps, more than any reference run ({longestReference}); the reference "
                + $"trajectory covers {TrajectorySteps} (the median training run length), so its later steps are "
                + "compared with the trajectory's end."
            : null;

    /// <summary>Maps each of <paramref name="channels"/> to its column in <paramref name="run"/>.</summary>
    /// <exception cref="ChannelMismatchException">Some channel is missing from the run.</exception>
    public static int[] MapChannels(Run run, IReadOnlyList<string> channels)
    {
        var map = new int[channels.Count];
        var missing = new List<string>();
        for (int c = 0; c < channels.Count; c++)
        {
            map[c] = run.IndexOfChannel(channels[c]);
            if (map[c] < 0)
            {
                missing.Add(channels[c]);
            }
        }

        if (missing.Count > 0)
        {
            var extra = run.Channels.Select(ch => ch.Name).Where(n => !channels.Contains(n)).ToList();
            throw new ChannelMismatchException(run.Name, missing, extra);
        }

        return map;
    }

    /// <summary>Checks many runs at once so that one error lists the bad cells of all of them.</summary>
    /// <exception cref="FermentDataException">Some selected cell is missing or non-finite.</exception>
    public static void ThrowOnBadCells(IReadOnlyList<Run> runs, IReadOnlyList<string> channels)
    {
        ThrowIfAny(runs.SelectMany(run => BadCellText.Find(run, channels, Select(run, channels))).ToList());
    }

    private static void ThrowIfAny(List<BadCellText.Cell> cells)
    {
        if (cells.Count > 0)
        {
            throw new FermentDataException(BadCellText.Describe(cells, MaxListedCells),
                cells[0].Path, cells[0].Line, cells[0].Column);
        }
    }

    /// <summary>Describes each missing or non-finite cell of the selected channels (line or run and time,
    /// column, token), for reporting what a repair policy changed.</summary>
    public static IReadOnlyList<string> DescribeBadCells(Run run, IReadOnlyList<string> channels) =>
        BadCellText.Find(run, channels, Select(run, channels)).Select(BadCellText.Describe).ToList();

    // Copies the selected channels of a run into a new [time × channel] buffer in the given order.
    private static float[] Select(Run run, IReadOnlyList<string> channels)
    {
        int[] map = MapChannels(run, channels);
        int channelCount = channels.Count;
        var values = new float[run.StepCount * channelCount];
        ReadOnlySpan<float> source = run.Values.Span;
        for (int t = 0; t < run.StepCount; t++)
        {
            ReadOnlySpan<float> row = source.Slice(t * run.ChannelCount, run.ChannelCount);
            for (int c = 0; c < channelCount; c++)
            {
                values[t * channelCount + c] = row[map[c]];
            }
        }

        return values;
    }

    private static float[] Extract(Run run, IReadOnlyList<string> channels, MissingValuePolicy policy, out int repairs)
    {
        float[] values = Select(run, channels);
        if (policy == MissingValuePolicy.Error)
        {
            ThrowIfAny(BadCellText.Find(run, channels, values));
            repairs = 0;
        }
        else
        {
            repairs = MissingValueRepair.Repair(values, run.TimeHours.Span, channels.Count, policy, run.Name);
        }

        return values;
    }
}
