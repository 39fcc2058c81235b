namespace FermentEngine.Engine.Scoring;

/// <summary>
/// The drift test of a live run, step by step: the offsets so far against the reference runs at the same step,
/// the onset found as in a whole-run verdict (<see cref="DriftOnset"/>), and, for the finished run, the test against
/// whole reference runs. Not thread-safe.
/// </summary>
internal sealed class LiveDrift
{
    private readonly FermentModel _model;
    private readonly DriftReference _reference;
    private readonly DriftTracker _tracker;
    private readonly DriftOnset _onset;
    private readonly double _level;
    private double[]? _limits;
    private double?[]? _firstPastLimit;
    private double? _onsetHours;

    public LiveDrift(FermentModel model, DriftReference reference)
    {
        _model = model;
        _reference = reference;
        _tracker = new DriftTracker(model.Channels.Count, reference.WindowSteps);
        // Each of the two tests gets half the significance level (see DriftReference.Combine).
        _level = model.Settings.Significance / 2;
        _onset = new DriftOnset(reference, _level, exclude: null);
    }

    /// <summary>When the drift first became significant on its own, else null.</summary>
    public double? OnsetHours => _onsetHours;

    /// <summary>Adds one finalised step of scaled values.</summary>
    public void Push(ReadOnlySpan<float> row) => _tracker.Push(row);

    /// <summary>The test after step <paramref name="step"/> (at <paramref name="time"/> hours), against the
    /// reference runs at the same step; null until a whole window has been seen.</summary>
    public ChannelDrift? AtStep(int step, double time)
    {
        if (!_tracker.IsFull)
        {
            return null;
        }

        TrackLimits(time);
        if (_reference.Evaluate(_tracker.Peaks, step + 1, null) is not { } test)
        {
            return null;
        }

        if (_onsetHours is null && _onset.Passes(test))
        {
            _onsetHours = time;
        }

        return Finding(test, test.P < _level ? _onsetHours : null);
    }

    /// <summary>The test of the finished run against whole reference runs, with its onset as a whole-run verdict
    /// finds it.</summary>
    public ChannelDrift? Final()
    {
        if (!_tracker.IsFull || _reference.Evaluate(_tracker.Peaks, null, null) is not { } test)
        {
            return null;
        }

        return Finding(test, test.P < _level ? _onsetHours ?? _firstPastLimit?[test.Channel] : null);
    }

    private ChannelDrift Finding(DriftTest test, double? onset) =>
        new(_model.Channels[test.Channel], _tracker.Offsets[test.Channel], test.Z, test.P, onset);

    // When each channel's peak first passed its whole-run limit: a whole-run verdict's onset when the drift is
    // significant against whole runs but at no single step against the runs at that step.
    private void TrackLimits(double time)
    {
        int channels = _model.Channels.Count;
        _limits ??= Enumerable.Range(0, channels).Select(c => _reference.Limit(c, _level, null)).ToArray();
        _firstPastLimit ??= new double?[channels];
        for (int c = 0; c < channels; c++)
        {
            if (_firstPastLimit[c] is null && Math.Abs(_tracker.Peaks[c]) > _limits[c])
            {
                _firstPastLimit[c] = time;
            }
        }
    }
}
