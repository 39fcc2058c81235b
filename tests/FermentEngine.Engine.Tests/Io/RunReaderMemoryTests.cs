using System.Globalization;
using System.Text;
using FermentEngine.Engine.Io;
using FermentEngine.Engine.Runs;

namespace FermentEngine.Engine.Tests.Io;

/// <summary>
/// Reads a file of the public IndPenSim shape (process columns plus 2,200 Raman columns) and checks that the
/// reader's allocations stay near its output, far below the file's size: it streams rows, it does not hold them.
/// </summary>
public sealed class RunReaderMemoryTests
{
    private const int Rows = 2000;
    private const int RamanColumns = 2200;

    private TempFiles _temp = null!;
    private string _path = "";

    [OneTimeSetUp]
    public void WriteFile()
    {
        _temp = new TempFiles();
        _path = Path.Combine(_temp.Folder, "public_shape.csv");
        var lines = IndPenSimReaderTests.ReadLines(TestData.RepoPath("samples", "indpensim-sample.csv.gz"), Rows + 1)
            .ToList();
        var random = new Random(7);
        string[] raman = Enumerable.Range(0, 8).Select(_ => string.Join(",", Enumerable.Range(0, RamanColumns)
            .Select(_ => (random.NextDouble() * 5000).ToString("0.0000", CultureInfo.InvariantCulture)))).ToArray();
        using var writer = new StreamWriter(_path, false, new UTF8Encoding(false), 1 << 16);
        string wavenumbers = string.Join(",", Enumerable.Range(0, RamanColumns).Select(i => 2400 - i));
        writer.Write(lines[0]);
        writer.Write(',');
        writer.WriteLine(wavenumbers);
        for (int row = 1; row < lines.Count; row++)
        {
            writer.Write(lines[row]);
            writer.Write(',');
            writer.WriteLine(raman[row % raman.Length]);
        }
    }

    [OneTimeTearDown]
    public void DeleteFile() => _temp.Dispose();

    [Test]
    public void Read_PublicShape_AllocatesFarLessThanTheFile()
    {
        long fileBytes = new FileInfo(_path).Length;
        RunReader.Read(_path); // warm up: JIT and static caches are not the reader's per-file cost

        long before = GC.GetAllocatedBytesForCurrentThread();
        RunSet set = RunReader.Read(_path);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        long output = set.Buffer.Length * sizeof(float) + Rows * (sizeof(double) + sizeof(int));
        TestContext.Out.WriteLine($"file {fileBytes / 1e6:0.0} MB, output {output / 1e6:0.00} MB, "
            + $"allocated {allocated / 1e6:0.00} MB");
        Assert.That(set.Runs.Sum(r => r.StepCount), Is.EqualTo(Rows));
        Assert.That(set.Channels, Has.Count.EqualTo(30));
        Assert.That(fileBytes, Is.GreaterThan(40_000_000));
        Assert.That(allocated, Is.LessThan(3 * output + 4_000_000), "output buffers plus a constant");
        Assert.That(allocated, Is.LessThan(fileBytes / 10));
    }

    [Test]
    public void Read_PublicShape_NotesTheSkippedRamanColumns()
    {
        RunSet set = RunReader.Read(_path);

        Assert.That(set.Notes, Has.Some.Contains($"Skipped {RamanColumns} Raman intensity columns")
            .And.Contains("wavenumbers 2400 to 201"));
        Assert.That(set.Notes, Has.Some.Contains("Repaired the header"));
    }

    [Test]
    public void Read_PublicShapeWithRaman_ReadsThemAsChannels()
    {
        RunSet set = RunReader.Read(_path, new CsvReadOptions { IncludeRaman = true });

        Assert.That(set.Channels, Has.Count.EqualTo(30 + RamanColumns));
        Assert.That(set.Channels[30].Name, Is.EqualTo("2400"));
        Assert.That(set.Channels[^1].Name, Is.EqualTo("201"));
        Assert.That(set.Runs[0].Row(0)[30], Is.InRange(0f, 5000f));
    }
}
