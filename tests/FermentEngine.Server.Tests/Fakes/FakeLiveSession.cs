using FermentEngine.Engine.Scoring;
using FermentEngine.Server.EngineAccess;

namespace FermentEngine.Server.Tests.Fakes;

/// <summary>Alarms while the model's first channel is above 10; the running score is the last sample's first
/// channel. From the second sample on it has a drift test on the last channel (offset: the sample's value / 10),
/// significant while that value is above 10; the drift's onset is the first sample at which it was.</summary>
internal sealed class FakeLiveSession(IReadOnlyList<string> channels) : ILiveSession
{
    private int _step;
    private double? _firstAlarm;
    private double? _driftOnset;
    private LiveVerdict? _last;

    /// <summary>Whether the stream's end was passed on.</summary>
    public bool Completed { get; private set; }

    public LiveVerdict Push(double timeHours, ReadOnlySpan<float> sample)
    {
        bool alarm = sample[0] > 10;
        if (alarm)
        {
            _firstAlarm ??= timeHours;
        }

        float last = sample[^1];
        bool drifting = _step >= 1 && last > 10;
        if (drifting)
        {
            _driftOnset ??= timeHours;
        }

        var drift = _step < 1
            ? null
            : new ChannelDrift(channels[^1], last / 10.0, last - 5, drifting ? 0.002 : 0.6,
                drifting ? _driftOnset : null);
        double? first = _driftOnset is double onset && !(_firstAlarm <= onset) ? onset : _firstAlarm;
        _last = new LiveVerdict(_step++, timeHours, sample[0], sample[0] - 1, 0.5, alarm, first,
            [new ChannelContribution(channels[0], 1.0)])
        {
            Drift = drift,
        };
        return _last;
    }

    public LiveVerdict? Complete()
    {
        Completed = true;
        return _last;
    }
}
