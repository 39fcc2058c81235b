using System.IO.Compression;
using FermentEngine.Engine.Io;
using FermentEngine.Engine.Runs;

namespace FermentEngine.Engine.Tests.Io;

public sealed class RunReaderTests
{
    private TempFiles _temp = null!;

    [SetUp]
    public void SetUp() => _temp = new TempFiles();

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Test]
    public void Read_NonFiniteAndTextCells_KeptAsNaNAndListed()
    {
        string path = _temp.Write("bad.csv", "Time (h),a,b", "0.2,,1", "0.4,NaN,inf", "0.6,Bad Input,-inf",
            "0.8,1,1e40");

        RunSet set = RunReader.Read(path);
        Run run = set.Runs.Single();

        Assert.That(run.BadCells.Select(b => (b.Line, b.Column, b.Token)), Is.EqualTo(new[]
        {
            (2, "a", ""), (3, "a", "NaN"), (3, "b", "inf"), (4, "a", "Bad Input"), (4, "b", "-inf"), (5, "b", "1e40"),
        }));
        Assert.That(set.Notes, Has.One.EqualTo("6 cell(s) are not finite numbers (empty, NaN, inf or text) and were "
            + $"kept as missing values; the first is at {run.BadCells[0]}, and `fermentctl inspect` lists them."));
        Assert.That(run.Values.ToArray().Count(float.IsNaN), Is.EqualTo(6));
        Assert.That(run.Row(3)[0], Is.EqualTo(1f));
        Assert.That(run.BadCells[0].Run, Is.EqualTo("bad"));
        Assert.That(run.BadCells[2].TimeHours, Is.EqualTo(0.4).Within(1e-12));
    }

    [Test]
    public void Read_NoRunColumn_OneRunNamedAfterTheFile()
    {
        string path = _temp.Write("B-17.csv", "Time (h),pH", "0.2,6.5", "0.4,6.6");

        RunSet set = RunReader.Read(path);

        Assert.That(set.Runs.Single().Name, Is.EqualTo("B-17"));
        Assert.That(set.Channels.Single().Name, Is.EqualTo("pH"));
    }

    [Test]
    public void Read_GzipWithoutExtension_DetectedByMagicBytes()
    {
        string plain = _temp.Write("plain.csv", "Time (h),pH", "0.2,6.5", "0.4,6.6");
        string packed = Path.Combine(_temp.Folder, "packed.dat");
        using (var gz = new GZipStream(File.Create(packed), CompressionLevel.Fastest))
        {
            gz.Write(File.ReadAllBytes(plain));
        }

        Run run = RunReader.Read(packed).Runs.Single();

        Assert.That(run.Values.ToArray(), Is.EqualTo(new[] { 6.5f, 6.6f }));
    }

    [Test]
    public void Read_MinutesColumn_ConvertedToHours()
    {
        string path = _temp.Write("minutes.csv", "Time (min),pH", "0,6.5", "30,6.6", "60,6.7");

        Run run = RunReader.Read(path).Runs.Single();

        Assert.That(run.TimeHours.ToArray(), Is.EqualTo(new[] { 0, 0.5, 1.0 }).Within(1e-12));
    }

    [Test]
    public void Read_SecondsByOption_ConvertedToHours()
    {
        string path = _temp.Write("seconds.csv", "t,pH", "0,6.5", "1800,6.6");

        Run run = RunReader.Read(path, new CsvReadOptions { TimeColumn = "t", TimeUnit = TimeUnit.Seconds })
            .Runs.Single();

        Assert.That(run.TimeHours.ToArray(), Is.EqualTo(new[] { 0, 0.5 }).Within(1e-12));
    }

    [Test]
    public void Read_LabelColumn_IsAStepAndRunLabelNotAChannel()
    {
        string path = _temp.Write("labels.csv", "Time (h),pH,Batch ID,quality", "0.2,6.5,1,good", "0.4,6.6,1,good",
            "0.2,6.4,2,bad", "0.4,6.5,2,0");

        RunSet set = RunReader.Read(path, new CsvReadOptions { LabelColumns = ["quality"] });

        Assert.That(set.Channels.Select(c => c.Name), Is.EqualTo(new[] { "pH" }));
        Assert.That(set.Runs[0].Labels["quality"], Is.EqualTo("good"));
        Assert.That(set.Runs[1].Labels.ContainsKey("quality"), Is.False, "not constant in run 2");
        Assert.That(set.Runs[1].StepLabels["quality"], Is.EqualTo(new[] { float.NaN, 0f }));
    }

    [Test]
    public void Read_GapsAndDuplicates_ReportedInNotes()
    {
        string path = _temp.Write("gaps.csv", "Time (h),pH", "0.2,1", "0.4,1", "0.4,1", "0.6,1", "1.4,1", "1.6,1");

        RunSet set = RunReader.Read(path);

        Assert.That(set.Runs[0].Sampling.GapCount, Is.EqualTo(1));
        Assert.That(set.Runs[0].Sampling.DuplicateCount, Is.EqualTo(1));
        Assert.That(set.Notes, Has.Some.Contains("1 gap(s)").And.Contains("line 6").And.Contains("1 duplicate"));
    }

    [Test]
    public void ReadMany_TwoFiles_OneContiguousBuffer()
    {
        string a = _temp.Write("a.csv", "Time (h),pH", "0.2,6.5", "0.4,6.6");
        string b = _temp.Write("b.csv", "Time (h),pH", "0.2,7.5");

        RunSet set = RunReader.ReadMany([a, b]);

        Assert.That(set.Runs.Select(r => r.Name), Is.EqualTo(new[] { "a", "b" }));
        Assert.That(set.Buffer.ToArray(), Is.EqualTo(new[] { 6.5f, 6.6f, 7.5f }));
        Assert.That(set.Runs[1].Values.ToArray(), Is.EqualTo(new[] { 7.5f }));
    }

    [Test]
    public void ReadMany_DifferentChannels_NamesTheFileAndColumn()
    {
        string a = _temp.Write("a.csv", "Time (h),pH", "0.2,6.5");
        string b = _temp.Write("b.csv", "Time (h),DO", "0.2,7.5");

        var e = Assert.Throws<FermentDataException>(() => RunReader.ReadMany([a, b]));

        Assert.That(e!.Message, Does.Contain("b.csv").And.Contain("`DO`").And.Contain("line 1"));
    }

    [Test]
    public void Read_DeclaredFormatSeparatorAndDecimalComma_ReadsTheDayFirstFile()
    {
        string path = TestData.SharedPath("cases", "013-decimal-comma-semicolon", "decimal_comma.csv");

        Run run = RunReader.Read(path, new CsvReadOptions
        {
            DateTimeFormat = "dd.MM.yyyy HH:mm:ss", Separator = ';', DecimalComma = true,
        }).Runs.Single();

        Assert.That(run.StepCount, Is.EqualTo(120));
        Assert.That(run.Row(0)[2], Is.EqualTo(1.012f));
        Assert.That(run.TimeHours.Span[^1], Is.EqualTo(9 + 55.0 / 60).Within(1e-9));
    }

    [Test]
    public void Read_SlashedDatesWithMonthAbove12_ReadMonthFirst()
    {
        string path = _temp.Write("us.csv", "Timestamp,pH", "05/12/2024 23:00:00,6.5", "05/13/2024 01:00:00,6.6");

        Run run = RunReader.Read(path).Runs.Single();

        Assert.That(run.TimeHours.ToArray(), Is.EqualTo(new[] { 0, 2.0 }).Within(1e-9));
    }

    [Test]
    public void Read_TabSeparatedDecimalComma_Detected()
    {
        string path = _temp.Write("tab.tsv", "Time (h)\tpH", "0,5\t6,51", "1,0\t6,52");

        RunSet set = RunReader.Read(path);

        Assert.That(set.Runs[0].TimeHours.ToArray(), Is.EqualTo(new[] { 0.5, 1.0 }));
        Assert.That(set.Runs[0].Values.ToArray(), Is.EqualTo(new[] { 6.51f, 6.52f }));
        Assert.That(set.Notes, Has.Some.Contains("decimal commas"));
    }

    [Test]
    public void Read_DecimalCommaDeclaredWithCommaSeparator_NotedAndIgnored()
    {
        string path = _temp.Write("dot.csv", "Time (h),pH", "0.5,6.51");

        RunSet set = RunReader.Read(path, new CsvReadOptions { DecimalComma = true });

        Assert.That(set.Runs[0].Values.ToArray(), Is.EqualTo(new[] { 6.51f }));
        Assert.That(set.Notes, Has.Some.Contains("Ignored the declared decimal comma"));
    }

    [Test]
    public void Read_SpringForwardGapTimeInZone_RefusedWithLine()
    {
        string path = _temp.Write("gap.csv", "timestamp,pH", "2023-03-26 01:45:00,6.5", "2023-03-26 02:15:00,6.5");

        var e = Assert.Throws<FermentDataException>(() =>
            RunReader.Read(path, new CsvReadOptions { TimeZone = "Europe/Berlin" }));

        Assert.That(e!.Message, Does.Contain("line 3").And.Contain("`timestamp`").And.Contain("2023-03-26 02:15:00"));
    }
}
