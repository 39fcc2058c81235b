namespace FermentEngine.Engine.Scoring;

/// <summary>
/// Scores one running batch sample by sample in bounded memory: only the last few receptive fields of samples
/// are kept. A step's error is final once half a receptive field of later samples has arrived (then it equals the
/// error of the same step in a whole-run pass), so verdicts lag the newest sample by <see cref="LagSteps"/>.
/// Not thread-safe: one scorer per stream.
/// </summary>
/// <remarks>
/// A live run cannot know that its newest steps are its last, so their verdicts use the interior expectations;
/// beside that provisional track, a settled track follows each step once it is too far from the newest sample to be
/// in the run's end zone, and <see cref="Complete"/> settles the end zone with the end expectations. The verdict
/// after <see cref="Complete"/> is therefore the whole-run verdict of the same samples.
/// </remarks>
public sealed class LiveScorer
{
    private readonly FermentModel _model;
    private readonly int _channelCount;
    private readonly int _alignment;
    private readonly int _capacity;
    private readonly float[] _history;
    private readonly double[] _times;
    private readonly ChannelSmoother _smoother;
    private readonly float[] _lastFinite;
    private readonly AlarmTracker _alarms;
    private readonly Preprocessing.Preprocessor _pre;
    private readonly LiveDrift? _drift;
    private readonly int _edgeSteps;
    private readonly SettledTrack _settled;
    private int _received;
    private int _final;
    private float _runningScore;
    private double? _scoreOnsetHours;
    private LiveVerdict? _last;

    internal LiveScorer(FermentModel model, string runName)
    {
        _model = model;
        _pre = model.Preprocessor;
        RunName = runName;
        _channelCount = model.Channels.Count;
        _alignment = model.Architecture.Downsampling;
        LagSteps = model.LagSteps;
        _edgeSteps = model.ErrorNormalizer.EdgeSteps;
        int needed = Math.Max(2 * LagSteps, _edgeSteps + LagSteps) + 2 * _alignment;
        _capacity = (needed + _alignment - 1) / _alignment * _alignment * 2;
        _history = new float[_capacity * _channelCount];
        _times = new double[_capacity];
        _smoother = new ChannelSmoother(_channelCount, model.Settings.SmoothingSteps);
        _lastFinite = new float[_channelCount];
        _alarms = new AlarmTracker(model.Settings.OpenAlarmLimit, model.Settings.AlarmPersistence);
        _settled = new SettledTrack(model, _capacity);
        _drift = model.Drift is { } reference ? new LiveDrift(model, reference) : null;
    }

    /// <summary>The run being scored.</summary>
    public string RunName { get; }

    /// <summary>Samples between the newest sample and the newest step with a final error.</summary>
    public int LagSteps { get; }

    /// <summary>Adds one sample (one raw value per model channel, in <see cref="FermentModel.Channels"/> order)
    /// and returns the verdict as of the newest step with a final error.</summary>
    /// <exception cref="ArgumentException">Wrong sample width, or time not increasing.</exception>
    /// <exception cref="FermentDataException">A value is missing or not finite and the model refuses those; with a
    /// repair policy the last finite value of the channel is held instead.</exception>
    public LiveVerdict Push(double timeHours, ReadOnlySpan<float> sample)
    {
        if (sample.Length != _channelCount)
        {
            throw new ArgumentException($"sample: {sample.Length} values, expected {_channelCount}.", nameof(sample));
        }

        if (!double.IsFinite(timeHours))
        {
            throw new ArgumentException($"time: {timeHours} h is not a finite number.", nameof(timeHours));
        }

        if (_received > 0 && !(timeHours > _times[(_received - 1) % _capacity]))
        {
            throw new ArgumentException($"time: {timeHours} h does not follow the previous sample.", nameof(timeHours));
        }

        int slot = _received % _capacity;
        for (int c = 0; c < _channelCount; c++)
        {
            float value = sample[c];
            if (!float.IsFinite(value))
            {
                value = Repair(c, value, timeHours);
            }

            _lastFinite[c] = value;
            _history[slot * _channelCount + c] = _pre.Normalize(_received, c, value);
        }

        _times[slot] = timeHours;
        _received++;
        while (_final < _received - LagSteps)
        {
            Finalize(_final++);
        }

        // A step settles once it is too far from the newest sample to be in the run's end zone.
        while (_settled.Settled < _final && _received - 1 - _settled.Settled >= _edgeSteps)
        {
            Settle(hasEnded: false);
        }

        return _last ?? new LiveVerdict(-1, timeHours, double.NaN, double.NaN, double.NaN, false, null, []);
    }

    /// <summary>Cells repaired by the model's missing-value policy so far.</summary>
    public int Repairs { get; private set; }

    // A live stream cannot look ahead, so both repair policies hold the last finite value (the trajectory's
    // value before the first one); under the Error policy a missing cell is refused.
    private float Repair(int channel, float value, double timeHours)
    {
        if (_pre.MissingValues == Preprocessing.MissingValuePolicy.Error)
        {
            throw new FermentDataException(
                $"Run '{RunName}', Time {timeHours:0.###} h, channel '{_model.Channels[channel]}': {value} is not a "
                + "finite number, and the model refuses missing values (trained with the Error policy).",
                column: _model.Channels[channel]);
        }

        Repairs++;
        return _received > 0 ? _lastFinite[channel] : _pre.CenterAt(0, channel);
    }

    /// <summary>Finalises every remaining step as the run's last, and returns the run's verdict: the same as a
    /// whole-run pass over the samples received (against whole reference runs), or null when none arrived.
    /// A run shorter than the model's window, which a whole-run pass refuses, is not judged as a finished run: its
    /// last verdict comes back with NaN for z and p, no alarm and no drift.</summary>
    public LiveVerdict? Complete()
    {
        if (_received < _model.Settings.MinimumSteps)
        {
            // Its last steps would be judged as an end that is also its start, which no reference run shows.
            if (_received == 0)
            {
                return null;
            }

            var last = _last ?? new LiveVerdict(-1, _times[(_received - 1) % _capacity], double.NaN, double.NaN,
                double.NaN, false, null, []);
            _last = last with { Z = double.NaN, P = double.NaN, Alarm = false, FirstAlarmHours = null, Drift = null };
            return _last;
        }

        while (_final < _received)
        {
            Finalize(_final++, ending: true);
        }

        while (_settled.Settled < _final)
        {
            Settle(hasEnded: true);
        }

        if (_last is null)
        {
            return null;
        }

        var (z, scoreP, _) = _model.Population.Evaluate(_settled.Score);
        var drift = _drift?.Final();
        double? scoreOnset = scoreP < _model.Settings.Significance / 2 ? _settled.SignificantHours : null;
        double? firstAlarm = AlarmTracker.Earliest(_settled.FirstAlarmHours, drift?.OnsetHours, scoreOnset);
        _last = _last with
        {
            RunningScore = _settled.Score,
            Z = z,
            P = DriftReference.Combine(scoreP, drift?.P),
            Alarm = _settled.AlarmActive,
            FirstAlarmHours = firstAlarm,
            Drift = drift,
        };
        return _last;
    }

    // Settles the next step as a step of a run of `_received` steps.
    private void Settle(bool hasEnded) =>
        _settled.SettleNext(_received, hasEnded, _times[_settled.Settled % _capacity]);

    // Reconstructs a window that starts on the network's stride grid, reaches half a receptive field before
    // `step` and ends at the newest sample, and records the error of `step`.
    private void Finalize(int step, bool ending = false)
    {
        int oldestAligned = (Math.Max(0, _received - _capacity) + _alignment - 1) / _alignment * _alignment;
        int start = Math.Max(oldestAligned, Math.Max(0, step - LagSteps) / _alignment * _alignment);
        int length = _received - start;
        var input = new float[length * _channelCount];
        for (int t = 0; t < length; t++)
        {
            int slot = (start + t) % _capacity;
            _history.AsSpan(slot * _channelCount, _channelCount).CopyTo(input.AsSpan(t * _channelCount));
        }

        var profile = _model.Reconstruct(input, length, start, hasEnded: ending);
        int local = step - start;
        _settled.Keep(step, profile.Squared.AsSpan(local * _channelCount, _channelCount),
            profile.Level.AsSpan(local * _channelCount, _channelCount));
        float error = _smoother.Push(profile.Normalized.AsSpan(local * _channelCount, _channelCount));
        _drift?.Push(input.AsSpan(local * _channelCount, _channelCount));
        Account(step, error, profile.ChannelShares(local, local + 1));
    }

    private void Account(int step, float error, double[] shares)
    {
        _runningScore = MathF.Max(_runningScore, error);
        double time = _times[step % _capacity];
        bool alarm = _alarms.Push(step, error, time);
        var (z, scoreP, _) = _model.Population.Evaluate(_runningScore, step + 1);
        var drift = _drift?.AtStep(step, time);
        double p = DriftReference.Combine(scoreP, drift?.P);
        if (_scoreOnsetHours is null && scoreP < _model.Settings.Significance / 2)
        {
            _scoreOnsetHours = time;
        }

        double? firstAlarm = AlarmTracker.Earliest(_alarms.FirstAlarmHours, _drift?.OnsetHours, _scoreOnsetHours);
        _last = new LiveVerdict(step, time, _runningScore, z, p, alarm, firstAlarm, _model.TopChannels(shares))
        {
            Drift = drift,
        };
    }

}
