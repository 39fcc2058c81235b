namespace FermentEngine.Engine.Scoring;

/// <summary>
/// Point alarms with persistence: an alarm is raised once the step error has stayed above the limit for
/// <c>persistence</c> consecutive steps, so that a single normal spike does not alarm. Not thread-safe.
/// </summary>
internal sealed class AlarmTracker
{
    private readonly float _limit;
    private readonly int _persistence;
    private int _streak;
    private int _streakStart;
    private double _streakStartTime = double.NaN;

    public AlarmTracker(float limit, int persistence)
    {
        _limit = limit;
        _persistence = Math.Max(1, persistence);
    }

    /// <summary>True while the current streak is long enough to alarm.</summary>
    public bool Active => _streak >= _persistence;

    /// <summary>First step of the first streak that raised an alarm, else null.</summary>
    public int? FirstAlarmStep { get; private set; }

    /// <summary>The time given with <see cref="FirstAlarmStep"/>'s push, else null: a live run need not keep the
    /// times of a whole persistence streak.</summary>
    public double? FirstAlarmHours { get; private set; }

    /// <summary>Feeds the error of the next step; returns whether an alarm is active after it.</summary>
    /// <param name="timeHours">The step's time, remembered for <see cref="FirstAlarmHours"/>.</param>
    public bool Push(int step, float error, double timeHours = double.NaN)
    {
        if (error > _limit)
        {
            if (_streak == 0)
            {
                _streakStart = step;
                _streakStartTime = timeHours;
            }

            _streak++;
            if (_streak == _persistence && FirstAlarmStep is null)
            {
                FirstAlarmStep = _streakStart;
                FirstAlarmHours = double.IsNaN(_streakStartTime) ? null : _streakStartTime;
            }
        }
        else
        {
            _streak = 0;
        }

        return Active;
    }

    /// <summary>The earliest of a run's alarm times (a point alarm, a drift onset, the time the score test became
    /// significant), ignoring those that did not happen; null when none did.</summary>
    public static double? Earliest(params double?[] times)
    {
        double? first = null;
        foreach (double? time in times)
        {
            if (time is double t && !(first <= t))
            {
                first = t;
            }
        }

        return first;
    }

    /// <summary>The first alarm of a whole error series as the steps [Start, End) of its streak, or null.</summary>
    public static (int Start, int End)? FirstAlarm(ReadOnlySpan<float> stepErrors, float limit, int persistence)
    {
        var tracker = new AlarmTracker(limit, persistence);
        int t = 0;
        for (; t < stepErrors.Length && tracker.FirstAlarmStep is null; t++)
        {
            tracker.Push(t, stepErrors[t]);
        }

        if (tracker.FirstAlarmStep is not int start)
        {
            return null;
        }

        while (t < stepErrors.Length && stepErrors[t] > limit)
        {
            t++;
        }

        return (start, t);
    }
}
