using FermentEngine.Engine.Scoring;
using FermentEngine.Server.EngineAccess;

namespace FermentEngine.Server.Tests.Fakes;

/// <summary>Alarms while the model's first channel is above 10; the running score is the last sample's first
/// channel.</summary>
internal sealed class FakeLiveSession(IReadOnlyList<string> channels) : ILiveSession
{
    private int _step;
    private double? _firstAlarm;
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

        _last = new LiveVerdict(_step++, timeHours, sample[0], sample[0] - 1, 0.5, alarm, _firstAlarm,
            [new ChannelContribution(channels[0], 1.0)]);
        return _last;
    }

    public LiveVerdict? Complete()
    {
        Completed = true;
        return _last;
    }
}
