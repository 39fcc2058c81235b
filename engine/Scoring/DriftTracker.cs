namespace FermentEngine.Engine.Scoring;

/// <summary>
/// The sustained offset of each channel from the reference trajectory: the trailing mean of the scaled input over a
/// long window (tens of hours), and the largest such mean so far. A sensor that drifts slowly is reproduced by the
/// autoencoder and, being one channel of many, barely moves the channel-mean score; its offset over a long window
/// is still far outside what good runs show. Values are clipped at ±<see cref="Clip"/> before averaging, so that
/// the normal bursts of an on/off channel (a heating valve, an acid pump) do not pass for an offset.
/// Whole-run and live scoring both use this one implementation. Not thread-safe.
/// </summary>
internal sealed class DriftTracker
{
    /// <summary>Scaled values are clipped to ±this (in the channel's spread) before averaging.</summary>
    public const float Clip = 2f;

    private readonly int _channelCount;
    private readonly int _window;
    private readonly float[] _ring;
    private readonly double[] _sums;
    private readonly double[] _rawSums;
    private readonly float[] _peaks;
    private readonly float[] _offsets;
    private int _count;

    public DriftTracker(int channelCount, int window)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(window);
        _channelCount = channelCount;
        _window = window;
        _ring = new float[window * channelCount];
        _sums = new double[channelCount];
        _rawSums = new double[channelCount];
        _peaks = new float[channelCount];
        _offsets = new float[channelCount];
    }

    /// <summary>Per channel, the signed trailing mean whose magnitude is the largest so far (0 until a whole window
    /// has been seen).</summary>
    public ReadOnlySpan<float> Peaks => _peaks;

    /// <summary>Per channel, the unclipped mean over the same window as its peak: the offset's real size (the peak
    /// itself stops at <see cref="Clip"/>).</summary>
    public ReadOnlySpan<float> Offsets => _offsets;

    /// <summary>Whether a whole window has been seen, so that <see cref="Peaks"/> means something.</summary>
    public bool IsFull => _count >= _window;

    /// <summary>Adds one step of scaled values.</summary>
    public void Push(ReadOnlySpan<float> row)
    {
        // The ring keeps raw values; clipping them again on eviction gives back what was added.
        Span<float> slot = _ring.AsSpan(_count % _window * _channelCount, _channelCount);
        bool evicting = _count >= _window;
        for (int c = 0; c < _channelCount; c++)
        {
            float old = evicting ? slot[c] : 0;
            _sums[c] += Math.Clamp(row[c], -Clip, Clip) - Math.Clamp(old, -Clip, Clip);
            _rawSums[c] += row[c] - old;
            slot[c] = row[c];
        }

        _count++;
        if (!IsFull)
        {
            return;
        }

        for (int c = 0; c < _channelCount; c++)
        {
            float mean = (float)(_sums[c] / _window);
            if (MathF.Abs(mean) > MathF.Abs(_peaks[c]))
            {
                _peaks[c] = mean;
                _offsets[c] = (float)(_rawSums[c] / _window);
            }
        }
    }

    /// <summary>The peaks after the last step of a curve from
    /// <see cref="Curve(ReadOnlySpan{float}, int, int)"/>.</summary>
    public static ReadOnlySpan<float> FinalPeaks(float[] curve, int channelCount) =>
        curve.AsSpan(curve.Length - channelCount);

    /// <summary>The peaks after every step of a scaled run <c>[time × channel]</c>, as <c>[time × channel]</c>.
    /// </summary>
    public static float[] Curve(ReadOnlySpan<float> input, int channelCount, int window) =>
        Curve(input, channelCount, window, out _);

    /// <summary>The peaks after every step, and the final <see cref="Offsets"/>.</summary>
    public static float[] Curve(ReadOnlySpan<float> input, int channelCount, int window, out float[] offsets)
    {
        var tracker = new DriftTracker(channelCount, window);
        var curve = new float[input.Length];
        for (int t = 0; t < input.Length / channelCount; t++)
        {
            tracker.Push(input.Slice(t * channelCount, channelCount));
            tracker.Peaks.CopyTo(curve.AsSpan(t * channelCount, channelCount));
        }

        offsets = tracker.Offsets.ToArray();
        return curve;
    }
}
