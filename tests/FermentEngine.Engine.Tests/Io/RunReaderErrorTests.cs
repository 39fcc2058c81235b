using FermentEngine.Engine.Io;

namespace FermentEngine.Engine.Tests.Io;

public sealed class RunReaderErrorTests
{
    private TempFiles _temp = null!;

    [SetUp]
    public void SetUp() => _temp = new TempFiles();

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Test]
    public void Read_TextInTimeColumn_NamesFileLineAndColumn()
    {
        string path = _temp.Write("text_time.csv", "Time (h),pH", "0.2,6.5", "soon,6.6");

        var e = Assert.Throws<FermentDataException>(() => RunReader.Read(path));

        AssertNames(e!, "text_time.csv", 3, "Time (h)");
        Assert.That(e!.Message, Does.Contain("'soon'"));
    }

    [Test]
    public void Read_DuplicateHeader_NamesFileLineAndColumn()
    {
        string path = _temp.Write("dup.csv", "Time (h),pH,DO,pH", "0.2,6.5,14,6.5");

        var e = Assert.Throws<FermentDataException>(() => RunReader.Read(path));

        AssertNames(e!, "dup.csv", 1, "pH");
        Assert.That(e!.Message, Does.Contain("columns 2 and 4"));
    }

    [Test]
    public void Read_EmptyHeaderName_NamesFileLineAndColumnNumber()
    {
        string path = _temp.Write("empty_name.csv", "Time (h),,DO", "0.2,6.5,14");

        var e = Assert.Throws<FermentDataException>(() => RunReader.Read(path));

        Assert.That(e!.Message, Does.Contain("empty_name.csv").And.Contain("line 1").And.Contain("column 2"));
        Assert.That(e.Line, Is.EqualTo(1));
        Assert.That(e.Column, Is.EqualTo("#2"));
    }

    [Test]
    public void Read_RaggedRow_NamesFileLineAndMissingColumn()
    {
        string path = _temp.Write("ragged.csv", "Time (h),pH,DO", "0.2,6.5,14", "0.4,6.6");

        var e = Assert.Throws<FermentDataException>(() => RunReader.Read(path));

        AssertNames(e!, "ragged.csv", 3, "DO");
        Assert.That(e!.Message, Does.Contain("2 values").And.Contain("3 names"));
    }

    [Test]
    public void Read_EmptyFile_NamesFileAndLine()
    {
        string path = _temp.Write("empty.csv");

        var e = Assert.Throws<FermentDataException>(() => RunReader.Read(path));

        Assert.That(e!.Message, Does.Contain("empty.csv").And.Contain("line 1").And.Contain("empty"));
        Assert.That(e.Path, Is.EqualTo(path));
    }

    [Test]
    public void Read_HeaderOnly_SaysNoDataRows()
    {
        string path = _temp.Write("header_only.csv", "Time (h),pH");

        var e = Assert.Throws<FermentDataException>(() => RunReader.Read(path));

        Assert.That(e!.Message, Does.Contain("header_only.csv").And.Contain("line 2").And.Contain("no data rows"));
    }

    [Test]
    public void Read_NoNumericChannel_NamesFileLineAndTextColumn()
    {
        string path = _temp.Write("text.csv", "Time (h),Operator", "0.2,Anna", "0.4,Ben");

        var e = Assert.Throws<FermentDataException>(() => RunReader.Read(path));

        AssertNames(e!, "text.csv", 2, "Operator");
        Assert.That(e!.Message, Does.Contain("no numeric channel"));
    }

    [Test]
    public void Read_TimeBackwards_NamesFileLineColumnAndBothValues()
    {
        string path = _temp.Write("back.csv", "Time (h),pH", "0.2,6.5", "0.4,6.5", "0.3,6.5");

        var e = Assert.Throws<FermentDataException>(() => RunReader.Read(path));

        AssertNames(e!, "back.csv", 4, "Time (h)");
        Assert.That(e!.Message, Does.Contain("'0.3' after '0.4'").And.Contain("backwards"));
    }

    [Test]
    public void Read_MixedDecimalMarks_NamesFileLinesColumnAndTokens()
    {
        string path = _temp.Write("mixed.csv", "Time (h);pH;Current (A)", "0,2;6,5;0,61", "0,4;6,5;0.62",
            "0,6;6,5;0,63", "0,8;6,5;0,64");

        var e = Assert.Throws<FermentDataException>(() => RunReader.Read(path));

        AssertNames(e!, "mixed.csv", 3, "Current (A)");
        Assert.That(e!.Message, Does.Contain("'0.62'").And.Contain("mixes decimal marks"));
    }

    [Test]
    public void Read_FloatRunIds_NamesFileLineColumnAndWhy()
    {
        string path = _temp.Write("float_ids.csv", "Time (h),pH,Batch ID", "0.2,6.5,101.5", "0.4,6.5,102.25",
            "0.6,6.5,99.75", "0.8,6.5,100.125");

        var e = Assert.Throws<FermentDataException>(() => RunReader.Read(path, new CsvReadOptions
        {
            RunColumn = "Batch ID",
        }));

        AssertNames(e!, "float_ids.csv", 2, "Batch ID");
        Assert.That(e!.Message, Does.Contain("4 distinct non-integer values in 4 rows (e.g. 101.5)")
            .And.Contain("cannot be a run identifier"));
    }

    [Test]
    public void Read_RunReappearsLater_NamesFileLineAndColumn()
    {
        string path = _temp.Write("split.csv", "Time (h),pH,Batch ID", "0.2,6.5,1", "0.2,6.5,2", "0.4,6.5,1");

        var e = Assert.Throws<FermentDataException>(() => RunReader.Read(path));

        AssertNames(e!, "split.csv", 4, "Batch ID");
    }

    [Test]
    public void Read_MissingRunColumn_NamesFileAndColumn()
    {
        string path = _temp.Write("nocol.csv", "Time (h),pH", "0.2,6.5");

        var e = Assert.Throws<FermentDataException>(() => RunReader.Read(path, new CsvReadOptions
        {
            RunColumn = "Lot",
        }));

        AssertNames(e!, "nocol.csv", 1, "Lot");
    }

    [Test]
    public void Read_MissingFile_IsADataError()
    {
        string path = Path.Combine(_temp.Folder, "absent.csv");

        var e = Assert.Throws<FermentDataException>(() => RunReader.Read(path));

        Assert.That(e!.Message, Does.Contain("absent.csv").And.Contain("no such file"));
    }

    [Test]
    public void Read_CorruptGzip_IsADataErrorNamingTheFile()
    {
        string path = Path.Combine(_temp.Folder, "broken.csv.gz");
        File.WriteAllBytes(path, [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xff, 0xff, 0xff]);

        var e = Assert.Throws<FermentDataException>(() => RunReader.Read(path));

        Assert.That(e!.Message, Does.Contain("broken.csv.gz").And.Contain("cannot read"));
    }

    private static void AssertNames(FermentDataException e, string fileName, int line, string column)
    {
        Assert.That(e.Message, Does.Contain(fileName));
        Assert.That(e.Message, Does.Contain($"line {line}").Or.Contain($"lines {line}"));
        Assert.That(e.Message, Does.Contain($"`{column}`"));
        Assert.That(e.Path, Does.EndWith(fileName));
        Assert.That(e.Line, Is.EqualTo(line));
        Assert.That(e.Column, Is.EqualTo(column));
    }
}
