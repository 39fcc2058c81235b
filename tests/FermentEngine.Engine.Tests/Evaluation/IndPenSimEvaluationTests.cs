using FermentEngine.Engine.Evaluation;
using FermentEngine.Engine.Io;
using FermentEngine.Engine.Runs;

namespace FermentEngine.Engine.Tests.Evaluation;

/// <summary>
/// The detector on the shared IndPenSim development runs: trained on the normal recipe-driven batches, every batch
/// scored by a network that did not see it. These are the figures quoted in README.md.
/// </summary>
[Category("Evaluation")]
public sealed class IndPenSimEvaluationTests
{
    private static IReadOnlyList<EvaluatedRun> s_runs = null!;
    private static FermentEngine.Engine.Scoring.FermentModel s_model = null!;
    private static IReadOnlyList<BatchInfo> s_table = null!;

    [OneTimeSetUp]
    public static void Evaluate()
    {
        var runs = RunReader.Read(TestData.SharedPath("data", "indpensim", "IndPenSim_dev.csv.gz"));
        s_table = BatchTable.Read(TestData.SharedPath("data", "indpensim", "IndPenSim_dev_batches.csv"));
        (s_model, s_runs) = IndPenSimEvaluation.Run(runs, s_table, IndPenSimEvaluation.DefaultOptions(runs));
        foreach (var run in s_runs)
        {
            TestContext.Progress.WriteLine($"{run.Run,3} {run.Group,-16} {run.Category,-36} score "
                + $"{run.Verdict.Score:G4} z {run.Verdict.Z:0.00} p {run.Verdict.P:0.####} "
                + $"{(run.Verdict.Flagged ? "FLAGGED" : "")} alarm {run.Verdict.FirstAlarmHours:0.0} drift "
                + $"{run.Verdict.Drift?.Channel} {run.Verdict.Drift?.Offset:+0.00;-0.00} "
                + $"p {run.Verdict.Drift?.P:0.####}");
        }
    }

    [Test]
    public void Run_EveryFaultBatch_IsFlagged()
    {
        var faults = s_runs.Where(r => r.Group == IndPenSimEvaluation.Fault).ToList();

        var expected = s_table.Where(b => b.FaultCode != 0).Select(b => b.Batch);
        Assert.That(faults.Select(f => f.Run), Is.EquivalentTo(expected));
        Assert.That(faults, Has.Count.EqualTo(8));
        Assert.That(faults.Where(f => !f.Verdict.Flagged).Select(f => f.Run), Is.Empty);
    }

    [TestCase(7, "Temperature(T:K)")]
    [TestCase(8, "pH(pH:pH)")]
    public void Run_SensorDriftBatch_FlaggedByTheDriftTestOnTheDriftingSensor(int faultCode, string sensor)
    {
        var batch = s_table.Single(b => b.FaultCode == faultCode);
        var verdict = s_runs.Single(r => r.Run == batch.Batch).Verdict;

        Assert.That(verdict.Flagged, Is.True);
        Assert.That(verdict.Drift!.Channel, Is.EqualTo(sensor));
        Assert.That(verdict.Drift.P, Is.LessThan(s_model.Settings.Significance / 2));
        Assert.That(verdict.Drift.OnsetHours, Is.Not.Null);
        Assert.That(verdict.FirstAlarmHours, Is.LessThanOrEqualTo(verdict.Drift.OnsetHours));
    }

    [Test]
    public void Run_FlaggedNormalRecipeBatch_WasNamedAsReferenceOutlierInTraining()
    {
        var normal = s_runs.Where(r => r.Group == IndPenSimEvaluation.Normal).ToList();
        var outliers = s_model.Report.ReferenceOutliers.Select(o => o.Run).ToHashSet();

        Assert.That(normal, Has.Count.GreaterThanOrEqualTo(15));
        Assert.That(normal.All(r => r.HeldOut), Is.True);
        Assert.That(normal.Where(r => r.Verdict.Flagged).Select(r => r.Run), Is.SubsetOf(outliers));
        Assert.That(normal.Count(r => r.Verdict.Flagged), Is.LessThanOrEqualTo(1));
    }

    [Test]
    public void Run_UnderperformingBatches_FormTheirOwnGroupAndDeviate()
    {
        var normalYields = s_table.Where(b => b.Control == "recipe" && b.FaultCode == 0)
            .Select(b => b.FinalPenicillin).ToList();
        double mean = normalYields.Average();
        double std = Math.Sqrt(normalYields.Sum(y => (y - mean) * (y - mean)) / (normalYields.Count - 1));
        var expected = s_table.Where(b => b.Control == "recipe" && b.FaultCode == 0 && b.FinalPenicillin < mean - std)
            .Select(b => b.Batch);

        var under = s_runs.Where(r => r.Group == IndPenSimEvaluation.Underperforming).ToList();
        var normal = s_runs.Where(r => r.Group == IndPenSimEvaluation.Normal).ToList();

        Assert.That(under.Select(r => r.Run), Is.EquivalentTo(expected));
        double normalMedian = Median(normal.Select(r => r.Verdict.Score));
        Assert.That(Median(under.Select(r => r.Verdict.Score)), Is.GreaterThan(normalMedian));
    }

    [Test]
    public void Run_FaultBatchesWithKnownOnset_AlarmNoEarlierThanTheFault()
    {
        // A convolution spreads a deviation over half its receptive field: 27 steps of 0.2 h.
        const double Spread = 27 * 0.2;
        var alarmed = s_runs.Where(r => r.Group == IndPenSimEvaluation.Fault && r.Verdict.FirstAlarmHours is not null);
        foreach (var run in alarmed)
        {
            var batch = s_table.Single(b => b.Batch == run.Run);
            Assert.That(run.Verdict.FirstAlarmHours, Is.GreaterThanOrEqualTo((batch.FirstFaultHours ?? 0) - Spread),
                $"batch {run.Run} ({batch.Fault})");
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
