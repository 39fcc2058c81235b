using FermentEngine.Engine.Runs;
using FermentEngine.Engine.Scoring;
using FermentEngine.Engine.Training;

namespace FermentEngine.Engine.Tests.Scoring;

public sealed class FermentModelTests
{
    private static FermentModel s_model = null!;
    private string _folder = null!;

    [OneTimeSetUp]
    public static void TrainOnce()
    {
        var runs = SyntheticRuns.Good(11, 150, 160, 156, 150, 152, 158, 154, 160);
        s_model = ModelTrainer.Train(runs, new TrainingOptions { MaxEpochs = 15, Widths = [12, 12], Folds = 4 }).Model;
    }

    [SetUp]
    public void MakeFolder()
    {
        _folder = Directory.CreateTempSubdirectory("fermentengine-model-").FullName;
    }

    [TearDown]
    public void RemoveFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void SaveLoad_RoundTrip_ScoresIdentically()
    {
        var runs = SyntheticRuns.Good(12, 150, 151).Runs;
        string path = Path.Combine(_folder, "m.fem");

        s_model.Save(path);
        var loaded = FermentModel.Load(path);

        Assert.That(loaded.Score(runs).Select(v => v.Score), Is.EqualTo(s_model.Score(runs).Select(v => v.Score)));
        Assert.That(loaded.Score(runs).Select(v => v.P), Is.EqualTo(s_model.Score(runs).Select(v => v.P)));
        Assert.That(loaded.Score(runs).Select(v => v.Drift), Is.EqualTo(s_model.Score(runs).Select(v => v.Drift)));
        Assert.That(loaded.Drift!.WindowSteps, Is.EqualTo(s_model.Drift!.WindowSteps));
        var partial = runs.Select(r => r.Prefix(120)).ToList();
        Assert.That(loaded.Score(partial, asPartial: true).Select(v => v.P),
            Is.EqualTo(s_model.Score(partial, asPartial: true).Select(v => v.P)));
        Assert.That(loaded.Settings, Is.EqualTo(s_model.Settings));
        Assert.That(loaded.Info, Is.EqualTo(s_model.Info).Using<ModelInfo>((a, b) =>
            a.Fingerprint == b.Fingerprint && a.Channels.SequenceEqual(b.Channels)
            && a.PopulationSize == b.PopulationSize));
        Assert.That(Directory.GetFiles(_folder), Has.Length.EqualTo(1));
    }

    [Test]
    public void Load_DamagedFile_RefusedWithChecksumMessage()
    {
        string path = Path.Combine(_folder, "m.fem");
        s_model.Save(path);
        byte[] bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0x40;
        File.WriteAllBytes(path, bytes);

        var ex = Assert.Throws<FermentDataException>(() => FermentModel.Load(path));

        Assert.That(ex!.Message, Does.Contain("checksum"));
    }

    [Test]
    public void Load_NotAModel_Refused()
    {
        string path = Path.Combine(_folder, "m.fem");
        File.WriteAllText(path, "Time (h),a\n0.2,1\n");

        Assert.Throws<FermentDataException>(() => FermentModel.Load(path));
    }

    [Test]
    public void Save_IntoMissingFolder_ThrowsAndKeepsNothing()
    {
        string path = Path.Combine(_folder, "absent", "m.fem");

        Assert.Throws<DirectoryNotFoundException>(() => s_model.Save(path));
        Assert.That(Directory.GetFileSystemEntries(_folder), Is.Empty);
    }

    [Test]
    public void Score_RunWithOtherChannels_ErrorNamesMissingChannel()
    {
        var other = new Run("x", [new("temp"), new("ph"), new("do"), new("airflow")], new double[200],
            new float[800]);

        var verdict = s_model.Score([other]).Single();

        Assert.That(verdict.Status, Is.EqualTo(RunStatus.Error));
        Assert.That(verdict.Error, Does.Contain("Missing: 'feed'").And.Contain("'airflow'"));
    }

    [Test]
    public void Score_FaultyRun_FlaggedWithAlarmInsideTheFaultAndChannelNamed()
    {
        var faulty = SyntheticRuns.Make("f", 156, new Random(13), SyntheticRuns.Step(2, 60, 90, -3f));

        var verdict = s_model.Score([faulty], includeStepErrors: true).Single();

        Assert.That(verdict.Flagged, Is.True);
        // The convolutions spread a deviation over half a receptive field on either side.
        int spread = s_model.Network.ReceptiveField / 2;
        Assert.That(verdict.FirstAlarmHours, Is.InRange(0.2 * (60 - spread), 0.2 * 91));
        Assert.That(verdict.TopChannels[0].Channel, Is.EqualTo("do"));
        Assert.That(verdict.StepErrors, Has.Length.EqualTo(156));
    }

    [Test]
    public void Score_SlowSensorDrift_FlaggedByTheDriftTestNamingTheChannel()
    {
        var drifting = SyntheticRuns.Make("d", 156, new Random(19), SyntheticRuns.Ramp(0, 1.5f));
        var good = SyntheticRuns.Make("g", 156, new Random(19));

        var verdicts = s_model.Score([drifting, good]);

        var drift = verdicts[0].Drift!;
        Assert.That(verdicts[0].Flagged, Is.True);
        Assert.That(drift.Channel, Is.EqualTo("temp"));
        Assert.That(drift.Offset, Is.GreaterThan(1));
        Assert.That(drift.P, Is.LessThan(s_model.Settings.Significance / 2));
        // The offset is judged over a trailing window, so it cannot pass the limit before one window has passed.
        Assert.That(drift.OnsetHours, Is.GreaterThanOrEqualTo(0.2 * s_model.Drift!.WindowSteps).And.LessThan(31.3));
        Assert.That(verdicts[0].FirstAlarmHours, Is.LessThanOrEqualTo(drift.OnsetHours));
        Assert.That(verdicts[1].Drift!.P, Is.GreaterThan(0.01));
        Assert.That(verdicts[1].Drift!.OnsetHours, Is.Null);
    }

    [Test]
    public void Score_PartialRunShorterThanTheDriftWindow_HasNoDriftTestUntilOneWindowIsJudged()
    {
        var run = SyntheticRuns.Make("short", 156, new Random(20));
        int window = s_model.Drift!.WindowSteps;

        var before = s_model.Score([run.Prefix(window - 1 + s_model.LagSteps)], asPartial: true).Single();
        var after = s_model.Score([run.Prefix(window + s_model.LagSteps)], asPartial: true).Single();

        Assert.That(before.Status, Is.EqualTo(RunStatus.Scored));
        Assert.That(before.Drift, Is.Null);
        Assert.That(after.Drift, Is.Not.Null);
        Assert.That(after.Drift!.P, Is.GreaterThan(0.01));
    }

    [Test]
    public void Score_PartialRun_ComparedWithReferenceAtSameElapsedTime()
    {
        var good = SyntheticRuns.Make("p", 156, new Random(14));

        var verdict = s_model.Score([good.Prefix(60)], asPartial: true).Single();

        Assert.That(verdict.Status, Is.EqualTo(RunStatus.Scored));
        Assert.That(verdict.Flagged, Is.False);
        Assert.That(verdict.P, Is.GreaterThan(0.01));
    }

    [Test]
    public void Score_PartialRunShorterThanTheLookAhead_IsAnErrorNotAVerdict()
    {
        var good = SyntheticRuns.Make("p", 156, new Random(17));

        var verdict = s_model.Score([good.Prefix(s_model.LagSteps)], asPartial: true).Single();

        Assert.That(verdict.Status, Is.EqualTo(RunStatus.Error));
        Assert.That(verdict.Flagged, Is.False);
        Assert.That(verdict.Error, Does.Contain("samples so far"));
    }

    [TestCase(1e20f)]
    [TestCase(-3e37f)]
    public void Score_ExtremeFiniteValue_FinitelyScoredAndFlagged(float value)
    {
        var run = SyntheticRuns.Make("x", 156, new Random(18), values => values[80 * 4 + 1] = value);

        var verdict = s_model.Score([run]).Single();

        Assert.That(verdict.Status, Is.EqualTo(RunStatus.Scored));
        Assert.That(double.IsFinite(verdict.Score), Is.True);
        Assert.That(verdict.Flagged, Is.True);
        Assert.That(verdict.TopChannels[0].Channel, Is.EqualTo("ph"));
    }

    [Test]
    public void StartLive_GoodRunReplayed_ErrorsEqualWholeRunPass()
    {
        var run = SyntheticRuns.Make("live", 156, new Random(15));
        var whole = s_model.Score([run], includeStepErrors: true).Single();
        var live = s_model.StartLive("live");
        var verdicts = Replay(live, run);

        // Up to the end zone, which a live run cannot know it is in, live and whole-run errors agree.
        int comparable = run.StepCount - s_model.ErrorNormalizer.EdgeSteps;
        float wholeRunning = 0;
        foreach (var verdict in verdicts.Where(v => v.Step >= 0 && v.Step < comparable))
        {
            wholeRunning = whole.StepErrors!.Take(verdict.Step + 1).Max();
            Assert.That(verdict.RunningScore, Is.EqualTo(wholeRunning).Within(1e-4 * wholeRunning),
                $"step {verdict.Step}");
        }

        Assert.That(wholeRunning, Is.GreaterThan(0));
        Assert.That(verdicts.Where(v => v.Step >= 0).Select(v => v.Step), Is.Ordered.And.Unique);
        Assert.That(verdicts.Last().Step, Is.EqualTo(run.StepCount - 1 - live.LagSteps));
        Assert.That(live.Complete()!.Step, Is.EqualTo(run.StepCount - 1));
    }

    [Test]
    public void StartLive_DriftingRunReplayed_SameOffsetAsTheWholeRunAndAnAlarm()
    {
        var run = SyntheticRuns.Make("d", 156, new Random(21), SyntheticRuns.Ramp(0, 1.5f));
        var whole = s_model.Score([run]).Single();
        var live = s_model.StartLive("d");

        var verdicts = Replay(live, run);
        var last = live.Complete()!;

        Assert.That(verdicts.Where(v => v.Step >= 0 && v.Step < s_model.Drift!.WindowSteps - 1)
            .Select(v => v.Drift), Is.All.Null);
        Assert.That(last.Drift!.Channel, Is.EqualTo(whole.Drift!.Channel));
        Assert.That(last.Drift.Offset, Is.EqualTo(whole.Drift.Offset).Within(1e-5));
        Assert.That(whole.Drift.OnsetHours, Is.Not.Null);
        Assert.That(last.Drift.OnsetHours, Is.EqualTo(whole.Drift.OnsetHours));
        Assert.That(last.P, Is.LessThan(s_model.Settings.Significance));
        Assert.That(last.FirstAlarmHours, Is.Not.Null);
    }

    [TestCase("good")]
    [TestCase("drift")]
    [TestCase("step")]
    public void StartLive_Completed_FinalVerdictIsTheWholeRunVerdict(string kind)
    {
        var run = kind switch
        {
            "drift" => SyntheticRuns.Make(kind, 156, new Random(22), SyntheticRuns.Ramp(0, 1.5f)),
            "step" => SyntheticRuns.Make(kind, 156, new Random(22), SyntheticRuns.Step(2, 120, 150, -3f)),
            _ => SyntheticRuns.Make(kind, 156, new Random(22)),
        };
        var whole = s_model.Score([run]).Single();
        var live = s_model.StartLive(kind);
        Replay(live, run);

        var final = live.Complete()!;

        Assert.Multiple(() =>
        {
            Assert.That(final.RunningScore, Is.EqualTo(whole.Score).Within(1e-4 * whole.Score));
            Assert.That(final.P, Is.EqualTo(whole.P).Within(1e-2 * whole.P + 1e-12));
            Assert.That(final.P < s_model.Settings.Significance, Is.EqualTo(whole.Flagged));
            Assert.That(final.FirstAlarmHours, Is.EqualTo(whole.FirstAlarmHours));
            Assert.That(final.Drift!.Channel, Is.EqualTo(whole.Drift!.Channel));
            Assert.That(final.Drift.P, Is.EqualTo(whole.Drift.P).Within(1e-9 * whole.Drift.P + 1e-15));
            Assert.That(final.Drift.OnsetHours, Is.EqualTo(whole.Drift.OnsetHours));
        });
        // The step fault sits in the run's end zone, where provisional live verdicts use interior expectations.
        Assert.That(kind != "step" || whole.Flagged, Is.True);
    }

    [Test]
    public void Train_OpenReference_EndsOneLookAheadBeforeEachReferenceRunAndHasItsOwnLimit()
    {
        var population = s_model.Population;

        Assert.That(population.OpenRunningScores.Select(c => c.Length),
            Is.EqualTo(population.RunningScores.Select(c => c.Length - s_model.LagSteps)));
        Assert.That(s_model.Settings.OpenAlarmLimit, Is.GreaterThan(0));
    }

    [Test]
    public void StartLive_CompletedRunShorterThanTheWindow_NotJudgedAsAFinishedRun()
    {
        var run = SyntheticRuns.Make("short", s_model.Settings.MinimumSteps - 1, new Random(23));
        var live = s_model.StartLive("short");
        Replay(live, run);

        var final = live.Complete()!;

        Assert.That(final.P, Is.NaN);
        Assert.That(final.Z, Is.NaN);
        // Its last steps are not judged as an end that is also its start: no alarm comes of closing the stream.
        Assert.That(final.Alarm, Is.False);
        Assert.That(final.FirstAlarmHours, Is.Null);
        Assert.That(final.Drift, Is.Null);
        Assert.That(s_model.Score([run]).Single().Status, Is.EqualTo(RunStatus.Error));
    }

    [TestCase(130)]
    [TestCase(156)]
    public void Score_PartialDriftingRun_SameDriftAndFirstAlarmAsTheLiveVerdictAtThatSample(int samples)
    {
        var run = SyntheticRuns.Make("d", 156, new Random(21), SyntheticRuns.Ramp(0, 1.5f));
        var last = Replay(s_model.StartLive("d"), run, samples)[^1];

        var partial = s_model.Score([run.Prefix(samples)], asPartial: true).Single();

        Assert.That(partial.Drift!.Channel, Is.EqualTo(last.Drift!.Channel));
        Assert.That(partial.Drift.OnsetHours, Is.EqualTo(last.Drift.OnsetHours));
        Assert.That(partial.FirstAlarmHours, Is.EqualTo(last.FirstAlarmHours));
        Assert.That(partial.P, Is.EqualTo(last.P).Within(1e-2 * last.P + 1e-12));
    }

    [Test]
    public void Score_FlaggedWithoutAPointAlarm_DatedWhenItsScoreBecameSignificant()
    {
        // No point alarm can fire (a streak of 100,000 steps); the fault is still dated, the same whole and live.
        var runs = SyntheticRuns.Good(11, 150, 160, 156, 150, 152, 158, 154, 160);
        var model = ModelTrainer.Train(runs, new TrainingOptions
        {
            MaxEpochs = 15, Widths = [12, 12], Folds = 4, AlarmPersistence = 100_000,
        }).Model;
        var faulty = SyntheticRuns.Make("f", 156, new Random(13), SyntheticRuns.Step(2, 60, 90, -3f));

        var whole = model.Score([faulty]).Single();
        var live = model.StartLive("f");
        Replay(live, faulty);

        var final = live.Complete()!;

        Assert.That(whole.Flagged, Is.True);
        int spread = model.Network.ReceptiveField / 2;
        Assert.That(whole.FirstAlarmHours, Is.InRange(0.2 * (60 - spread), 0.2 * 91));
        Assert.That(final.FirstAlarmHours, Is.EqualTo(whole.FirstAlarmHours));
        Assert.That(model.Score([runs.Runs[0]]).Single().FirstAlarmHours, Is.Null);
    }

    [TestCase(double.NaN)]
    [TestCase(double.PositiveInfinity)]
    public void StartLive_FirstTimeNotFinite_Refused(double time)
    {
        var live = s_model.StartLive("t");

        var ex = Assert.Throws<ArgumentException>(() => live.Push(time, [298f, 6.5f, 14f, 8f]));

        Assert.That(ex!.Message, Does.Contain("not a finite number"));
    }

    [Test]
    public void StartLive_PersistenceLongerThanTheKeptSamples_FirstAlarmAtTheStreakStart()
    {
        // 200 steps of persistence: far more samples than the live scorer keeps; the alarm must still be dated at
        // the start of its streak, as in the whole-run verdict.
        var runs = SyntheticRuns.Good(11, 300, 310, 305, 300, 302, 308);
        var model = ModelTrainer.Train(runs, new TrainingOptions
        {
            MaxEpochs = 8, Widths = [8, 8], Folds = 3, AlarmPersistence = 200, DriftSteps = 0,
        }).Model;
        var faulty = SyntheticRuns.Make("f", 300, new Random(24), SyntheticRuns.Step(2, 40, 300, -6f));
        var whole = model.Score([faulty]).Single();
        var live = model.StartLive("f");
        Replay(live, faulty);

        var final = live.Complete()!;

        Assert.That(whole.FirstAlarmHours, Is.Not.Null.And.LessThan(0.2 * 60));
        Assert.That(final.FirstAlarmHours, Is.EqualTo(whole.FirstAlarmHours));
    }

    [Test]
    public void StartLive_NaNUnderTheErrorPolicy_RefusedNamingTheChannel()
    {
        var live = s_model.StartLive("gap");
        live.Push(0.2, [298f, 6.5f, 14f, 8f]);

        var ex = Assert.Throws<FermentDataException>(() => live.Push(0.4, [298f, float.NaN, 14f, 8f]));

        Assert.That(ex!.Message, Does.Contain("'ph'").And.Contain("0.4 h"));
        Assert.That(ex.Column, Is.EqualTo("ph"));
    }

    [Test]
    public void StartLive_FaultyRun_RaisesAlarm()
    {
        var run = SyntheticRuns.Make("f", 156, new Random(16), SyntheticRuns.Step(2, 60, 90, -3f));
        var live = s_model.StartLive("f");

        bool alarmed = Replay(live, run).Any(v => v.Alarm);

        Assert.That(alarmed, Is.True);
    }

    // Pushes the first `samples` samples of a run (all by default) and returns the verdict after each.
    private static List<LiveVerdict> Replay(LiveScorer live, Run run, int? samples = null) =>
        Enumerable.Range(0, samples ?? run.StepCount).Select(t => live.Push(run.TimeHours.Span[t], run.Row(t)))
            .ToList();
}
