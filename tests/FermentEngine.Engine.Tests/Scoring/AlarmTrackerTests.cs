using FermentEngine.Engine.Scoring;

namespace FermentEngine.Engine.Tests.Scoring;

public sealed class AlarmTrackerTests
{
    [Test]
    public void FirstAlarm_SingleSpike_DoesNotAlarm()
    {
        float[] errors = [0.1f, 0.1f, 9f, 0.1f, 0.1f, 0.1f, 0.1f];

        Assert.That(AlarmTracker.FirstAlarm(errors, 1f, 3), Is.Null);
    }

    [Test]
    public void FirstAlarm_PersistentExcess_ReportsStreakStart()
    {
        float[] errors = [0.1f, 2f, 0.1f, 2f, 2f, 2f, 2f, 0.1f];

        Assert.That(AlarmTracker.FirstAlarm(errors, 1f, 3), Is.EqualTo((3, 7)));
    }

    [Test]
    public void Push_AfterStreakEnds_IsNoLongerActive()
    {
        var tracker = new AlarmTracker(1f, 2);

        bool during = tracker.Push(0, 2f) | tracker.Push(1, 2f);
        bool after = tracker.Push(2, 0f);

        Assert.That(during, Is.True);
        Assert.That(after, Is.False);
        Assert.That(tracker.FirstAlarmStep, Is.EqualTo(0));
    }
}
