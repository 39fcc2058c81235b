using FermentEngine.Engine.Io;
using FermentEngine.Engine.Runs;

namespace FermentEngine.Engine.Tests.Io;

/// <summary>The reading side of the field cases in <c>shared/cases</c>; their EXPECTED.md gives the numbers.</summary>
public sealed class SharedCaseReaderTests
{
    private static readonly CsvReadOptions s_batchTime = new() { RunColumn = "Batch ID", TimeColumn = "Time (h)" };

    [Test]
    public void Read_Case002Train_ListsEachBadCellWithLineColumnAndToken()
    {
        RunSet set = RunReader.Read(Case("002-nan-inf-values", "train.csv"), s_batchTime);

        Assert.That(set.BadCells.Select(b => (b.Line, b.Column, b.Token, b.Run)), Is.EqualTo(new[]
        {
            (112, "Dissolved oxygen concentration(DO2:mg/L)", "", "3"),
            (127, "Temperature(T:K)", "NaN", "3"),
            (157, "Aeration rate(Fg:L/h)", "inf", "4"),
            (182, "pH(pH:pH)", "-inf", "4"),
            (214, "Dissolved oxygen concentration(DO2:mg/L)", "Bad Input", "5"),
        }));
        Assert.That(set.BadCells.Select(b => b.TimeHours), Is.EqualTo(new[] { 2.2, 5.2, 1.2, 6.2, 2.6 }).Within(1e-9));
        Assert.That(set.Runs, Has.Count.EqualTo(5));
        Assert.That(set.Runs.Sum(r => r.Values.ToArray().Count(float.IsNaN)), Is.EqualTo(5), "never 0");
    }

    [Test]
    public void Read_Case002Score_Run202HasInfAtLine72()
    {
        RunSet set = RunReader.Read(Case("002-nan-inf-values", "score.csv"), s_batchTime);

        Assert.That(set.Find("201")!.BadCells, Is.Empty);
        BadCell cell = set.Find("202")!.BadCells.Single();
        Assert.That((cell.Line, cell.Column, cell.Token), Is.EqualTo((72, "Penicillin concentration(P:g/L)", "inf")));
        Assert.That(cell.TimeHours, Is.EqualTo(4.2).Within(1e-9));
    }

    [Test]
    public void Read_Case003_OfflineColumnsSparseAt2Point5PercentAndBatchIdNotAChannel()
    {
        RunSet set = RunReader.Read(Case("003-sparse-offline-columns", "train.csv"), s_batchTime);

        Assert.That(set.Runs.Sum(r => r.StepCount), Is.EqualTo(400));
        var sparse = set.Channels.Where(c => c.Kind == ChannelKind.Sparse).Select(c => c.Name).ToList();
        Assert.That(sparse, Is.EqualTo(new[]
        {
            "Offline Penicillin concentration(P_offline:P(g L^{-1}))",
            "Offline Biomass concentratio(X_offline:X(g L^{-1}))",
            "Viscosity(Viscosity_offline:centPoise)",
        }));
        Assert.That(set.Channels.Count(c => c.Kind == ChannelKind.Continuous), Is.EqualTo(7));
        Assert.That(set.Channels.Select(c => c.Name), Has.None.EqualTo("Batch ID"));
        Assert.That(set.Notes, Has.Some.Contains("2.5% (10 of 400 rows)"));
        Assert.That(set.BadCells, Is.Empty, "blank offline cells are missing values, not bad cells");
        Run first = set.Runs[0];
        int viscosity = first.IndexOfChannel(sparse[2]);
        Assert.That(first.Row(0)[viscosity], Is.NaN);
        Assert.That(first.Row(39)[viscosity], Is.Not.NaN.And.Not.Zero, "line 41 is filled");
    }

    [Test]
    public void Read_Case005FloatIds_RefusedNamingCountsExampleAndBetterColumn()
    {
        var e = Assert.Throws<FermentDataException>(() =>
            RunReader.Read(Case("005-wrong-batch-id-column", "float_ids.csv"), s_batchTime));

        Assert.That(e!.Message,
            Does.Contain("`Batch ID` has 180 distinct non-integer values in 180 rows (e.g. 20365.19)")
            .And.Contain("cannot be a run identifier")
            .And.Contain("`Batch reference(Batch_ref:Batch ref)`")
            .And.Contain("float_ids.csv"));
        Assert.That(e.Column, Is.EqualTo("Batch ID"));
    }

    [Test]
    public void Read_Case005FloatIdsByBatchReference_ThreeRunsOf60()
    {
        RunSet set = RunReader.Read(Case("005-wrong-batch-id-column", "float_ids.csv"),
            new CsvReadOptions { RunColumn = "Batch reference(Batch_ref:Batch ref)" });

        Assert.That(set.Runs.Select(r => (r.Name, r.StepCount)), Is.EqualTo(new[] { ("1", 60), ("2", 60), ("3", 60) }));
    }

    [Test]
    public void Read_Case005Train_SixRunsAndBatchIdNotAChannel()
    {
        RunSet set = RunReader.Read(Case("005-wrong-batch-id-column", "train.csv"), s_batchTime);

        Assert.That(set.Runs.Select(r => r.Name), Is.EqualTo(new[] { "1", "2", "3", "4", "5", "6" }));
        Assert.That(set.Channels.Select(c => c.Name), Has.None.EqualTo("Batch ID"));
    }

    [Test]
    public void Read_Case011Offsets_93InstantsEvery900sWithoutGap()
    {
        Run run = RunReader.Read(Case("011-timezone-dst", "offsets.csv")).Runs.Single();

        Assert.That(run.StepCount, Is.EqualTo(93));
        double[] steps = Steps(run);
        Assert.That(steps, Has.All.EqualTo(0.25).Within(1e-9), "line 58 is 15 min after line 57");
        Assert.That(run.Sampling.MedianIntervalHours * 3600, Is.EqualTo(900).Within(1e-6));
        Assert.That(run.Sampling.GapCount, Is.Zero);
        Assert.That(run.Sampling.DuplicateCount, Is.Zero);
    }

    [Test]
    public void Read_Case011NaiveFallbackWithoutZone_RefusedAtLine22WithBothValues()
    {
        string path = Case("011-timezone-dst", "naive_fallback.csv");

        var e = Assert.Throws<FermentDataException>(() => RunReader.Read(path));

        Assert.That(e!.Message, Does.Contain("line 22").And.Contain("'2023-10-29 02:00:00'")
            .And.Contain("'2023-10-29 02:45:00'").And.Contain("not increasing").And.Contain("DST"));
        Assert.That(e.Line, Is.EqualTo(22));
        Assert.That(e.Column, Is.EqualTo("timestamp"));
    }

    [Test]
    public void Read_Case011NaiveFallbackInBerlin_37SamplesEvery900s()
    {
        Run run = RunReader.Read(Case("011-timezone-dst", "naive_fallback.csv"),
            new CsvReadOptions { TimeZone = "Europe/Berlin" }).Runs.Single();

        Assert.That(run.StepCount, Is.EqualTo(37));
        Assert.That(Steps(run), Has.All.EqualTo(0.25).Within(1e-9));
        Assert.That(run.TimeHours.Span[^1], Is.EqualTo(9.0).Within(1e-9), "22:00 CEST to 06:00 CET is 9 h");
    }

    [Test]
    public void Read_Case013DecimalComma_ValuesMeansAndDayFirstTimes()
    {
        RunSet set = RunReader.Read(Case("013-decimal-comma-semicolon", "decimal_comma.csv"));
        Run run = set.Runs.Single();

        Assert.That(run.StepCount, Is.EqualTo(120));
        Assert.That(run.Row(0).ToArray(), Is.EqualTo(new[] { 30.04f, 6.50f, 1.012f, 0.605f }));
        double[] means = Enumerable.Range(0, 4)
            .Select(c => Enumerable.Range(0, run.StepCount).Average(s => (double)run.Row(s)[c])).ToArray();
        Assert.That(means, Is.EqualTo(new[] { 30.0045, 6.5066, 1.0131, 0.6224 }).Within(1e-4));
        Assert.That(Steps(run), Has.All.EqualTo(300.0 / 3600).Within(1e-9));
        Assert.That(run.TimeHours.Span[^1], Is.EqualTo(9 + 55.0 / 60).Within(1e-9), "12.05 22:00 to 13.05 07:55");
    }

    [Test]
    public void Read_Case013MixedMarks_RefusedNamingLines9And10ColumnAndTokens()
    {
        var e = Assert.Throws<FermentDataException>(() =>
            RunReader.Read(Case("013-decimal-comma-semicolon", "mixed_decimal_marks.csv")));

        Assert.That(e!.Message, Does.Contain("lines 9, 10").And.Contain("`Current (A)`").And.Contain("'0.639'")
            .And.Contain("'0.658'").And.Contain("mixed_decimal_marks.csv"));
    }

    [Test]
    public void Read_Case007_VariableLengthRuns()
    {
        RunSet train = RunReader.Read(Case("007-variable-length-runs", "train.csv"), s_batchTime);
        RunSet all = RunReader.Read(Case("007-variable-length-runs", "score_all.csv"), s_batchTime);

        Assert.That(train.Runs.Select(r => r.StepCount), Is.EqualTo(new[] { 50, 56, 62, 68, 74, 80 }));
        Assert.That(all.Runs.Select(r => (r.Name, r.StepCount)),
            Is.EqualTo(new[] { ("301", 53), ("302", 78), ("303", 66) }));
        Assert.That(all.Find("303")!.Source!.FirstLine, Is.EqualTo(2 + 53 + 78));
    }

    private static double[] Steps(Run run)
    {
        ReadOnlySpan<double> t = run.TimeHours.Span;
        return Enumerable.Range(1, t.Length - 1).Select(i => run.TimeHours.Span[i] - run.TimeHours.Span[i - 1])
            .ToArray();
    }

    private static string Case(string folder, string file) => TestData.SharedPath("cases", folder, file);
}
