using System.Globalization;
using System.IO.Compression;
using BenchmarkDotNet.Attributes;
using FermentEngine.Engine.Io;
using FermentEngine.Engine.Runs;

namespace FermentEngine.Benchmarks;

/// <summary>
/// Reading IndPenSim process columns: the engine's streaming reader against a simple line-split baseline, on the
/// first <see cref="Rows"/> rows of the shared development runs (or the bundled sample where shared/ is absent),
/// plain and gzip. Files are cut once into the temp folder and reused.
/// </summary>
public class ReaderBench : IHasInputBytes
{
    private const int ChannelCount = 30;

    /// <summary>Data rows in the input; 3,079 is odd on purpose, 31,069 is nearly the whole sample.</summary>
    [Params(3_079, 31_069)]
    public int Rows { get; set; }

    public long InputBytes => new FileInfo(CsvPath).Length;

    private string CsvPath => Path.Combine(Folder, $"indpensim-{Rows}.csv");

    private string GzPath => CsvPath + ".gz";

    private static string Folder => Path.Combine(Path.GetTempPath(), "fermentengine-bench");

    [GlobalSetup]
    public void Setup()
    {
        Directory.CreateDirectory(Folder);
        if (File.Exists(CsvPath) && File.Exists(GzPath))
        {
            return;
        }

        using (var reader = new StreamReader(new GZipStream(File.OpenRead(SourcePath()), CompressionMode.Decompress)))
        using (var writer = new StreamWriter(CsvPath))
        {
            for (int i = 0; i <= Rows && reader.ReadLine() is { } line; i++)
            {
                writer.WriteLine(line);
            }
        }

        using var gz = new GZipStream(File.Create(GzPath), CompressionLevel.Optimal);
        using var csv = File.OpenRead(CsvPath);
        csv.CopyTo(gz);
    }

    /// <summary>ReadLine, Split and float.Parse of the 30 channel columns: what a first attempt looks like.</summary>
    [Benchmark(Baseline = true)]
    public float SimpleSplit()
    {
        float sum = 0;
        using var reader = new StreamReader(CsvPath);
        reader.ReadLine();
        while (reader.ReadLine() is { } line)
        {
            string[] cells = line.Split(',');
            for (int c = 1; c <= ChannelCount; c++)
            {
                sum += float.TryParse(cells[c], NumberStyles.Float, CultureInfo.InvariantCulture, out float v) ? v : 0;
            }
        }

        return sum;
    }

    [Benchmark]
    public RunSet RunReaderCsv() => RunReader.Read(CsvPath);

    [Benchmark]
    public RunSet RunReaderGzip() => RunReader.Read(GzPath);

    private static string SourcePath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string shared = Path.Combine(dir.FullName, "..", "shared", "data", "indpensim", "IndPenSim_dev.csv.gz");
            if (File.Exists(Path.Combine(dir.FullName, "FermentEngine.sln")))
            {
                return File.Exists(shared) ? shared : Path.Combine(dir.FullName, "samples", "indpensim-sample.csv.gz");
            }
        }

        throw new FileNotFoundException("No FermentEngine.sln above the benchmark's folder.");
    }
}
