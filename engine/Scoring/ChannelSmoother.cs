namespace FermentEngine.Engine.Scoring;

/// <summary>
/// The step statistic, one step at a time: the trailing moving average of the channel-mean normalised error, so
/// that a single-step spike is averaged down while a sustained deviation is not. At the start of a run the average
/// is still over a whole window, the steps before the first counting as 0: a spike at the very first step (where the
/// network sees padding) would otherwise stand alone and set the run score. Whole-run and live scoring both use this
/// one implementation. Not thread-safe.
/// </summary>
internal sealed class ChannelSmoother
{
    private readonly int _channelCount;
    private readonly int _window;
    private readonly double[] _history;
    private double _sum;
    private int _count;

    public ChannelSmoother(int channelCount, int window)
    {
        _channelCount = channelCount;
        _window = Math.Max(1, window);
        _history = new double[_window];
    }

    /// <summary>Adds one step's normalised errors and returns the statistic after it.</summary>
    public float Push(ReadOnlySpan<float> row)
    {
        double mean = 0;
        for (int c = 0; c < _channelCount; c++)
        {
            mean += row[c];
        }

        mean /= _channelCount;
        int slot = _count % _window;
        _sum += mean - (_count >= _window ? _history[slot] : 0);
        _history[slot] = mean;
        _count++;
        return (float)(_sum / _window);
    }
}
