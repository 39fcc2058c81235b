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
    private static IReadOnlyList<BatchInfo> s_table = null!;

    [OneTimeSetUp]
    public static void Evaluate()
    {
        var runs = RunReader.Read(TestData.SharedPath("data", "indpensim", "IndPenSim_dev.csv.gz"));
        s_table = BatchTable.Read(TestData.SharedPath("data", "indpensim", "IndPenSim_dev_batches.csv"));
        s_runs = IndPenSimEvaluation.Run(runs, s_table, IndPenSimEvaluation.DefaultOptions(runs)).Runs;
        foreach (var run in s_runs)
        {
            TestContext.Progress.WriteLine($"{run.Run,3} {run.Group,-16} {run.Category,-36} score "
                + $"{run.Verdict.Score:G4} z {run.Verdict.Z:0.00} p {run.Verdict.P:0.####} "
                + $"{(run.Verdict.Flagged ? "FLAGGED" : "")} alarm {run.Verdict.FirstAlarmHours:0.0}");
        }
    }

    [Test]
    public void Run_EveryFaultBatch_IsFlagged()
    {
        var faults = s_runs.Where(r => r.Group == IndPenSimEvaluation.Fault).ToList();

        Assert.That(faults.Select(f => f.Run), Is.EquivalentTo(s_table.Where(b => b.FaultCode != 0).Select(b => b.Batch)));
        Assert.That(faults.Where(f => !f.Verdict.Flagged).Select(f => f.Run), Is.Empty);
    }

    [Test]
    public void Run_NormalRecipeBatchOfOrdinaryYield_IsNeverFlagged()
    {
        var normal = s_runs.Where(r => r.Group == IndPenSimEvaluation.Normal).ToList();

        Assert.That(normal, Has.Count.GreaterThanOrEqualTo(15));
        Assert.That(normal.All(r => r.HeldOut), Is.True);
        Assert.That(normal.Where(r => r.Verdict.Flagged).Select(r => r.Run), Is.Empty);
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
        Assert.That(Median(under.Select(r => r.Verdict.Score)), Is.GreaterThan(Median(normal.Select(r => r.Verdict.Score))));
    }

    [Test]
    public void Run_FaultBatchesWithKnownOnset_AlarmNoEarlierThanTheFault()
    {
        foreach (var run in s_runs.Where(r => r.Group == IndPenSimEvaluation.Fault))
        {
            var batch = s_table.Single(b => b.Batch == run.Run);
            Assert.That(run.Verdict.FirstAlarmHours ?? double.MaxValue, Is.GreaterThanOrEqualTo(
                (batch.FirstFaultHours ?? 0) - 2), $"batch {run.Run} ({batch.Fault})");
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
