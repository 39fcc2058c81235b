using FermentEngine.Engine.Exploration;
using FermentEngine.Engine.Io;
using FermentEngine.Engine.Runs;
using FermentEngine.Engine.Tests.Io;

namespace FermentEngine.Engine.Tests.Exploration;

public sealed class RunSetSummaryTests
{
    private static readonly ChannelInfo[] s_channels = [new("a"), new("b")];

    [Test]
    public void Of_Case001_ReportsTheThreeConstantChannelsWithTheirValues()
    {
        RunSet set = RunReader.Read(TestData.SharedPath("cases", "001-constant-channel", "train.csv"),
            new CsvReadOptions { RunColumn = "Batch ID", TimeColumn = "Time (h)" });

        RunSetSummary summary = RunSetSummary.Of(set);

        var constant = summary.Channels.Where(c => c.IsConstant).ToList();
        Assert.That(constant.Select(c => c.Name), Is.EqualTo(new[]
        {
            "Agitator RPM(RPM:RPM)", "Air head pressure(pressure:bar)", "Oil flow(Foil:L/hr)",
        }));
        Assert.That(constant.Select(c => c.Min), Is.EqualTo(new double[] { 100, 0.6f, 22.62f }));
        Assert.That(constant.Select(c => c.StdDev), Has.All.Zero);
        Assert.That(summary.RunCount, Is.EqualTo(6));
        Assert.That(summary.TotalRows, Is.EqualTo(300));
    }

    [Test]
    public void Of_ConstantWithoutExactBinaryForm_IsConstantWhereTheNaiveVarianceIsNot()
    {
        float[] values = Enumerable.Repeat(22.62f, 2 * 300).ToArray();
        var run = new Run("r", s_channels, Enumerable.Range(0, 300).Select(i => i * 0.2).ToArray(), values);
        double sum = 0, sumOfSquares = 0;
        for (int i = 0; i < 300; i++)
        {
            sum += 22.62;
            sumOfSquares += 22.62 * 22.62;
        }

        double naiveVariance = sumOfSquares / 300 - (sum / 300) * (sum / 300);

        ChannelSummary channel = RunSetSummary.Of(new RunSet([run])).Channels[0];

        Assert.That(naiveVariance, Is.Not.Zero, "the formula this summary must not use");
        Assert.That(channel.IsConstant, Is.True);
        Assert.That(channel.StdDev, Is.Zero);
    }

    [Test]
    public void Of_ChannelWithNaN_StatisticsOverFiniteValuesAndMissingShare()
    {
        float[] values = [1, 5, 3, float.NaN, float.NaN, 5, 4, 5];
        var run = new Run("r", s_channels, new double[] { 0, 1, 2, 3 }, values);

        RunSetSummary summary = RunSetSummary.Of(new RunSet([run]));

        ChannelSummary a = summary.Channels[0], b = summary.Channels[1];
        Assert.That((a.Min, a.Max, a.Mean, a.MissingCount), Is.EqualTo((1.0, 4.0, 8.0 / 3, 1)));
        Assert.That(a.StdDev, Is.EqualTo(Math.Sqrt(14.0 / 9)).Within(1e-12));
        Assert.That(a.MissingPercent, Is.EqualTo(25));
        Assert.That(a.IsConstant, Is.False);
        Assert.That(b.IsConstant, Is.True);
    }

    [Test]
    public void Of_RunAtTheMargin_SameLengthOutliersAsTheTrainingPool()
    {
        // 111 rows lies 2.1 population σ but only 1.95 sample σ from the mean: one definition must decide both.
        int[] lengths = [96, 98, 100, 102, 104, 100, 111];
        var runs = lengths.Select((n, i) => new Run($"r{i}", s_channels, new double[n], new float[2 * n])).ToList();

        RunSetSummary summary = RunSetSummary.Of(new RunSet(runs));
        var (_, excluded, _) = FermentEngine.Engine.Training.TrainingPool.Select(runs,
            new FermentEngine.Engine.Training.TrainingOptions { WindowLength = 8 }, downsampling: 8);

        Assert.That(summary.LengthOutliers, Is.Empty);
        Assert.That(excluded, Is.Empty);
        Assert.That(summary.RowsStdDev, Is.EqualTo(4.894).Within(1e-3));
    }

    [Test]
    public void Of_OneRunMuchShorter_IsTheLengthOutlier()
    {
        int[] lengths = [50, 52, 48, 51, 49, 50, 50, 10];
        var runs = lengths.Select((n, i) => new Run($"r{i}", s_channels, new double[n], new float[2 * n])).ToList();

        RunSetSummary summary = RunSetSummary.Of(new RunSet(runs));

        Assert.That(summary.LengthOutliers, Is.EqualTo(new[] { "r7" }));
        Assert.That(summary.MeanRows, Is.EqualTo(lengths.Average()));
        Assert.That(summary.Runs.Single(r => r.IsLengthOutlier).Rows, Is.EqualTo(10));
    }

    [Test]
    public void Of_DevFile_CountsControlByFaultAsTheBatchTable()
    {
        RunSet set = RunReader.Read(TestData.SharedPath("data", "indpensim", "IndPenSim_dev.csv.gz"));
        var expected = IndPenSimReaderTests.DevBatches()
            .GroupBy(b => $"control={b.Control}, fault={(b.FaultCode == 0 ? 0 : 1)}, pat=0")
            .ToDictionary(g => g.Key, g => g.Count());

        RunSetSummary summary = RunSetSummary.Of(set);

        Assert.That(summary.LabelCounts.ToDictionary(c => c.Key, c => c.Count), Is.EqualTo(expected));
        Assert.That(summary.Channels.Where(c => c.Kind == ChannelKind.Sparse).Select(c => c.MissingPercent),
            Has.All.GreaterThan(90));
    }
}
