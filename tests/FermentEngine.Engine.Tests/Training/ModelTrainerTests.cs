using FermentEngine.Engine.Runs;
using FermentEngine.Engine.Scoring;
using FermentEngine.Engine.Training;

namespace FermentEngine.Engine.Tests.Training;

public sealed class ModelTrainerTests
{
    private static readonly TrainingOptions s_quick = new() { MaxEpochs = 12, Widths = [12, 12], Folds = 3 };

    [Test]
    public void Train_SameSeedSameData_GivesTheSameModel()
    {
        var runs = SyntheticRuns.Good(1, 120, 128, 136, 120, 124, 130);

        var (a, _) = ModelTrainer.Train(runs, s_quick);
        var (b, _) = ModelTrainer.Train(runs, s_quick);
        var (c, _) = ModelTrainer.Train(runs, s_quick with { Seed = 99 });

        float[] Weights(FermentModel m) => m.Network.Parameters.SelectMany(p => p.Value).ToArray();
        Assert.That(Weights(a), Is.EqualTo(Weights(b)));
        Assert.That(Weights(a), Is.Not.EqualTo(Weights(c)));
        Assert.That(a.Info.Fingerprint, Is.EqualTo(b.Info.Fingerprint));
    }

    [Test]
    public void Train_ReportsHeldOutVerdictsAgainstTheOtherRuns()
    {
        var runs = SyntheticRuns.Good(2, 120, 128, 136, 120, 124, 130, 126);

        var (model, report) = ModelTrainer.Train(runs, s_quick);

        Assert.That(report.HeldOutVerdicts.Select(v => v.Run), Is.EquivalentTo(runs.Runs.Select(r => r.Name)));
        Assert.That(report.HeldOutVerdicts.Select(v => v.PopulationSize), Is.All.LessThan(model.Population.Count + 1));
        Assert.That(report.HeldOutVerdicts.Count(v => v.Flagged), Is.LessThanOrEqualTo(1));
    }

    [Test]
    public void Train_DriftWindow_DefaultsTo45PercentOfTheMedianLengthAndZeroTurnsTheTestOff()
    {
        var runs = SyntheticRuns.Good(3, 120, 128, 136, 120, 124, 130);

        var (model, _) = ModelTrainer.Train(runs, s_quick);
        var (off, report) = ModelTrainer.Train(runs, s_quick with { DriftSteps = 0 });

        // Median of 120, 120, 124, 128, 130, 136 (the upper middle) is 128.
        Assert.That(model.Drift!.WindowSteps, Is.EqualTo((int)(0.45 * 128)));
        Assert.That(model.Settings.DriftSteps, Is.EqualTo(model.Drift.WindowSteps));
        Assert.That(model.Drift.Runs, Is.EqualTo(model.Population.Runs));
        Assert.That(off.Drift, Is.Null);
        Assert.That(report.HeldOutVerdicts.Select(v => v.Drift), Is.All.Null);
        Assert.That(off.Score(runs.Runs).Select(v => v.Drift), Is.All.Null);
    }

    [Test]
    public void Train_DriftWindowLongerThanAllButTwoRuns_RefusedNamingTheOption()
    {
        var runs = SyntheticRuns.Good(3, 120, 128, 136, 120, 140, 139);

        var ex = Assert.Throws<FermentDataException>(() => ModelTrainer.Train(runs, s_quick with { DriftSteps = 137 }));

        Assert.That(ex!.Message, Does.Contain("DriftSteps is 137").And.Contain("only 2 of the 6"));
    }

    [TestCase(1)]
    [TestCase(9)]
    public void Train_DriftWindowShorterThanTheSmoothing_RefusedNamingBoth(int window)
    {
        var runs = SyntheticRuns.Good(3, 120, 128, 136, 120);

        var ex = Assert.Throws<FermentDataException>(() =>
            ModelTrainer.Train(runs, s_quick with { DriftSteps = window, SmoothingSteps = 10 }));

        Assert.That(ex!.Message, Does.Contain($"DriftSteps is {window}").And.Contain("SmoothingSteps (10)"));
    }

    [Test]
    public void Train_NegativeDriftWindow_RefusedNamingTheOption()
    {
        var runs = SyntheticRuns.Good(3, 120, 128, 136, 120);

        var ex = Assert.Throws<FermentDataException>(() => ModelTrainer.Train(runs, s_quick with { DriftSteps = -1 }));

        Assert.That(ex!.Message, Does.Contain("DriftSteps"));
    }

    [Test]
    public void Score_NewGoodRuns_FlaggedAboutAsOftenAsTheSignificanceLevel()
    {
        // One process, four noisy channels that follow the same curves in every run: 20 runs to train on, 40 new
        // ones. At p < 0.01 about 0.4 of them should be flagged; more than 2 would say the reference population sits
        // below what new good runs score.
        var random = new Random(40);
        Run Make(string name)
        {
            int steps = random.Next(260, 301);
            var values = new float[steps * 4];
            var time = new double[steps];
            for (int t = 0; t < steps; t++)
            {
                double h = time[t] = 0.2 * t;
                values[t * 4] = (float)(30 + 0.5 * Math.Sin(h / 8) + 0.05 * Gauss(random));
                values[t * 4 + 1] = (float)(6.5 - 0.002 * h + 0.02 * Gauss(random));
                values[t * 4 + 2] = (float)(40 - 10 * Math.Tanh(h / 20) + 0.5 * Gauss(random));
                values[t * 4 + 3] = (float)(2 + 0.01 * h + 0.03 * Gauss(random));
            }

            return new Run(name, SyntheticRuns.Channels, time, values);
        }

        var training = new RunSet(Enumerable.Range(0, 20).Select(i => Make($"g{i}")).ToList());
        var fresh = Enumerable.Range(0, 40).Select(i => Make($"n{i}")).ToList();
        var (model, _) = ModelTrainer.Train(training, new TrainingOptions { MaxEpochs = 20 });

        var verdicts = model.Score(fresh);

        Assert.That(verdicts.Select(v => v.Status), Is.All.EqualTo(RunStatus.Scored));
        Assert.That(verdicts.Count(v => v.Flagged), Is.LessThanOrEqualTo(2),
            string.Join(", ", verdicts.Where(v => v.Flagged).Select(v => $"{v.Run} p = {v.P:0.0e0}")));
    }

    private static double Gauss(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    [Test]
    public void Train_OutlierInThePool_NamedAndKeptOutOfThePopulation()
    {
        var random = new Random(3);
        var runs = SyntheticRuns.Good(3, 120, 128, 136, 120, 124, 130, 126, 122).Runs.ToList();
        runs.Add(SyntheticRuns.Make("bad", 126, random, SyntheticRuns.Step(2, 40, 80, -6f)));

        var (model, report) = ModelTrainer.Train(new RunSet(runs), s_quick);

        Assert.That(report.ReferenceOutliers.Select(o => o.Run), Is.EqualTo(new[] { "bad" }));
        Assert.That(model.Population.Runs, Has.None.EqualTo("bad"));
        // The reason quotes the run's held-out verdict against the population it was kept out of.
        var verdict = report.HeldOutVerdicts.Single(v => v.Run == "bad");
        Assert.That(report.ReferenceOutliers[0].Reason, Does.Contain($"z = {verdict.Z:0.00}"));
        Assert.That(verdict.Flagged, Is.True);
    }

    [Test]
    public void Train_LengthOutlier_ExcludedAndReported()
    {
        var runs = SyntheticRuns.Good(4, 120, 122, 121, 119, 120, 123, 121, 400);

        var (_, report) = ModelTrainer.Train(runs, s_quick);

        Assert.That(report.Excluded.Select(e => e.Run), Is.EqualTo(new[] { "g8" }));
        Assert.That(report.Excluded[0].Reason, Does.Contain("400 rows"));
    }

    [Test]
    public void Train_TooFewRuns_Refused()
    {
        var ex = Assert.Throws<FermentDataException>(() =>
            ModelTrainer.Train(SyntheticRuns.Good(5, 120, 128, 130), s_quick));

        Assert.That(ex!.Message, Does.Contain("at least 4"));
    }

    [TestCase("WindowLength")]
    [TestCase("MaxEpochs")]
    [TestCase("Folds")]
    [TestCase("Significance")]
    [TestCase("AlarmPersistence")]
    public void Train_OptionOutOfRange_RefusedNamingTheOption(string option)
    {
        var bad = option switch
        {
            "WindowLength" => s_quick with { WindowLength = 0 },
            "MaxEpochs" => s_quick with { MaxEpochs = 0 },
            "Folds" => s_quick with { Folds = 1 },
            "Significance" => s_quick with { Significance = double.NaN },
            _ => s_quick with { AlarmPersistence = 0 },
        };

        var ex = Assert.Throws<FermentDataException>(() =>
            ModelTrainer.Train(SyntheticRuns.Good(8, 120, 128, 136, 120), bad));

        Assert.That(ex!.Message, Does.Contain(option));
    }

    [Test]
    public void Train_Cancelled_Throws()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();

        Assert.Throws<OperationCanceledException>(() =>
            ModelTrainer.Train(SyntheticRuns.Good(6, 120, 128, 136, 120), s_quick, null, cancel.Token));
    }

    [Test]
    public void Train_Progress_ReportsEveryStageUpToCompletion()
    {
        var reports = new List<TrainingProgress>();
        var progress = new Progress(reports.Add);

        ModelTrainer.Train(SyntheticRuns.Good(7, 120, 128, 136, 120, 126), s_quick, progress);

        string[] stages = ["fold 1/3", "fold 2/3", "fold 3/3", "final"];
        Assert.That(reports.Select(r => r.Stage).Distinct(), Is.EqualTo(stages));
        Assert.That(reports.Select(r => r.Fraction), Is.Ordered);
        Assert.That(reports.All(r => double.IsFinite(r.TrainingLoss)), Is.True);
    }

    private sealed class Progress(Action<TrainingProgress> onReport) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => onReport(value);
    }
}
