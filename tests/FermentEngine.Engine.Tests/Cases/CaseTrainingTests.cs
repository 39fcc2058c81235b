using FermentEngine.Engine.Io;
using FermentEngine.Engine.Preprocessing;
using FermentEngine.Engine.Runs;
using FermentEngine.Engine.Scoring;
using FermentEngine.Engine.Training;

namespace FermentEngine.Engine.Tests.Cases;

/// <summary>The training and scoring side of the field cases in shared/cases (the reading side is in Io).</summary>
public sealed class CaseTrainingTests
{
    private static readonly CsvReadOptions s_batches = new() { RunColumn = "Batch ID", TimeColumn = "Time (h)" };

    private static RunSet Read(string caseName, string file) =>
        RunReader.Read(TestData.SharedPath("cases", caseName, file), s_batches);

    private static (FermentModel Model, TrainingReport Report) Train(
        string caseName, string file, TrainingOptions? options = null) =>
        ModelTrainer.Train(Read(caseName, file), options ?? new TrainingOptions());

    private static RunVerdict Verdict(IReadOnlyList<RunVerdict> verdicts, string run) =>
        verdicts.Single(v => v.Run == run);

    [Test]
    public void Case001_ConstantChannels_ReportedAndStepInConstantChannelFlagged()
    {
        var (model, report) = Train("001-constant-channel", "train.csv");
        var verdicts = model.Score(Read("001-constant-channel", "score.csv").Runs);

        Assert.That(report.ConstantChannels.Select(c => (c.Channel, c.Value)), Is.EquivalentTo(new[]
        {
            ("Agitator RPM(RPM:RPM)", 100.0),
            ("Air head pressure(pressure:bar)", (double)0.6f),
            ("Oil flow(Foil:L/hr)", (double)22.62f),
        }));
        Assert.That(double.IsFinite(report.FinalTrainingLoss) && double.IsFinite(report.FinalValidationLoss));
        Assert.That(verdicts.Select(v => v.Score), Is.All.Matches<double>(double.IsFinite));
        Assert.That(Verdict(verdicts, "101").Flagged, Is.False);
        // A constant channel that holds its value adds nothing: it cannot be a top channel of a good run.
        var constant = report.ConstantChannels.Select(c => c.Channel).ToHashSet();
        Assert.That(Verdict(verdicts, "101").TopChannels.Where(c => constant.Contains(c.Channel)).Select(c => c.Share),
            Is.All.EqualTo(0.0));
        var bad = Verdict(verdicts, "102");
        Assert.That(bad.Flagged, Is.True);
        Assert.That(bad.TopChannels[0].Channel, Is.EqualTo("Agitator RPM(RPM:RPM)"));
        // The network never saw the constant channel move, so its departure does not leak into the other channels'
        // reconstructions ahead of it: the first alarm is not before the departure at 5.2 h.
        Assert.That(bad.FirstAlarmHours, Is.GreaterThanOrEqualTo(5.2 - 1e-9));
        Assert.That(bad.Warnings, Has.Some.Contains("Agitator RPM(RPM:RPM)").And.Contains("100 → 115")
            .And.Contains("line 77").And.Contains("5.2 h"));
    }

    [Test]
    public void Case002_BadCells_TrainingRefusedListingEveryCell()
    {
        var ex = Assert.Throws<FermentDataException>(() => Train("002-nan-inf-values", "train.csv"));

        foreach (string expected in new[] { "line 112", "line 127", "line 157", "line 182", "line 214" })
        {
            Assert.That(ex!.Message, Does.Contain(expected));
        }

        Assert.That(ex!.Message, Does.Contain("'NaN'").And.Contain("'inf'").And.Contain("'-inf'")
            .And.Contain("'Bad Input'").And.Contain("empty cell"));
        Assert.That(ex.Message, Does.Contain("Dissolved oxygen concentration(DO2:mg/L)"));
    }

    [Test]
    public void Case002_RepairPolicy_TrainsAndCountsFiveRepairs()
    {
        var options = new TrainingOptions { MissingValues = MissingValuePolicy.HoldLast };

        var (_, report) = Train("002-nan-inf-values", "train.csv", options);

        Assert.That(report.Repairs, Is.EqualTo(5));
        Assert.That(double.IsFinite(report.FinalTrainingLoss), Is.True);
    }

    [Test]
    public void Case002_InfInScoredRun_ThatRunErrorsAtItsLineAndTheOtherIsScored()
    {
        // Same channels as case 002, all clean: a default (refusing) model.
        var (model, _) = Train("005-wrong-batch-id-column", "train.csv");

        var verdicts = model.Score(Read("002-nan-inf-values", "score.csv").Runs);

        var clean = Verdict(verdicts, "201");
        Assert.That(clean.Status, Is.EqualTo(RunStatus.Scored));
        Assert.That(clean.Flagged, Is.False);
        var bad = Verdict(verdicts, "202");
        Assert.That(bad.Status, Is.EqualTo(RunStatus.Error));
        Assert.That(bad.Flagged, Is.False);
        Assert.That(bad.Error, Does.Contain("line 72").And.Contain("Penicillin concentration(P:g/L)")
            .And.Contain("'inf'"));
    }

    [Test]
    public void Case003_SparseOfflineColumns_LeftOutAndAllRowsUsed()
    {
        var (model, report) = Train("003-sparse-offline-columns", "train.csv");
        var verdict = model.Score(Read("003-sparse-offline-columns", "score.csv").Runs).Single();

        Assert.That(report.RowsUsed, Is.EqualTo(400));
        Assert.That(report.SparseChannels, Has.Count.EqualTo(3));
        Assert.That(report.SparseChannels.Select(s => s.FillRate), Is.All.EqualTo(0.025).Within(1e-12));
        Assert.That(model.Channels, Has.Count.EqualTo(7));
        Assert.That(model.Channels, Has.None.Contains("Offline").And.None.EqualTo("Batch ID"));
        Assert.That(double.IsFinite(verdict.Score), Is.True);
        Assert.That(verdict.Flagged, Is.False);
    }

    [Test]
    public void Case005_RunIdOutsideTrainingIds_NotFlaggedAndIdIsNoChannel()
    {
        var (model, _) = Train("005-wrong-batch-id-column", "train.csv");

        var verdict = model.Score(Read("005-wrong-batch-id-column", "score.csv").Runs).Single();

        Assert.That(model.Channels, Has.None.EqualTo("Batch ID"));
        Assert.That(verdict.Run, Is.EqualTo("57"));
        Assert.That(verdict.Flagged, Is.False);
    }

    [Test]
    public void Case006_RunShorterThanWindow_ExcludedFromTrainingAndNotScored()
    {
        var options = new TrainingOptions { WindowLength = 24 };

        var (_, plain) = Train("006-window-longer-than-run", "train.csv", options);
        var (model, report) = Train("006-window-longer-than-run", "train_with_short_run.csv", options);
        var verdicts = model.Score(Read("006-window-longer-than-run", "score.csv").Runs);

        Assert.That(plain.TrainingRuns, Has.Count.EqualTo(5));
        Assert.That(report.TrainingRuns, Has.Count.EqualTo(5));
        var excluded = report.Excluded.Single();
        Assert.That(excluded.Run, Is.EqualTo("6"));
        Assert.That(excluded.Reason, Does.Contain("12 samples, shorter than window 24"));
        var shortRun = Verdict(verdicts, "201");
        Assert.That(shortRun.Status, Is.EqualTo(RunStatus.Error));
        Assert.That(shortRun.Flagged, Is.False);
        Assert.That(shortRun.Error, Does.Contain("12 samples, shorter than window 24"));
        var longRun = Verdict(verdicts, "202");
        Assert.That(longRun.Status, Is.EqualTo(RunStatus.Scored));
        Assert.That(longRun.Flagged, Is.False);
    }

    [Test]
    public void Case007_VariableLengths_NoPaddingLeaksAndDeviationLocated()
    {
        var (model, report) = Train("007-variable-length-runs", "train.csv");
        var all = model.Score(Read("007-variable-length-runs", "score_all.csv").Runs);
        var alone = model.Score(Read("007-variable-length-runs", "score_301.csv").Runs).Single();

        Assert.That(report.TrainingRuns, Has.Count.EqualTo(6));
        Assert.That(report.Excluded, Is.Empty);
        Assert.That(Verdict(all, "301").Flagged, Is.False);
        Assert.That(Verdict(all, "302").Flagged, Is.False);
        var faulty = Verdict(all, "303");
        Assert.That(faulty.Flagged, Is.True);
        Assert.That(faulty.TopChannels[0].Channel, Is.EqualTo("Dissolved oxygen concentration(DO2:mg/L)"));
        // The convolutions spread a deviation over half a receptive field before its start.
        double spread = model.Network.ReceptiveField / 2 * 0.2;
        Assert.That(faulty.FirstAlarmHours, Is.Not.Null.And.InRange(6.2 - spread, 9.2));
        double together = Verdict(all, "301").Score;
        Assert.That(Math.Abs(alone.Score - together) / together, Is.LessThan(1e-6));
    }
}
