using System.Globalization;
using System.IO.Compression;
using System.Runtime.InteropServices;
using FermentEngine.Engine.Io;
using FermentEngine.Engine.Runs;

namespace FermentEngine.Engine.Tests.Io;

public sealed class IndPenSimReaderTests
{
    private static readonly string[] s_offline =
    [
        "PAA concentration offline(PAA_offline:PAA (g L^{-1}))",
        "NH_3 concentration off-line(NH3_offline:NH3 (g L^{-1}))",
        "Offline Penicillin concentration(P_offline:P(g L^{-1}))",
        "Offline Biomass concentratio(X_offline:X(g L^{-1}))",
        "Viscosity(Viscosity_offline:centPoise)",
    ];

    private static readonly Lazy<RunSet> s_dev =
        new(() => RunReader.Read(TestData.SharedPath("data", "indpensim", "IndPenSim_dev.csv.gz")));

    internal static IEnumerable<BatchRow> DevBatches() =>
        BatchRow.ReadAll(TestData.SharedPath("data", "indpensim", "IndPenSim_dev_batches.csv"));

    [TestCaseSource(nameof(DevBatches))]
    public void Read_DevFile_BatchHasRowsLengthControlAndFault(BatchRow batch)
    {
        Run? run = s_dev.Value.Find(batch.Batch);

        Assert.That(run, Is.Not.Null, $"batch {batch.Batch}");
        Assert.That(run!.StepCount, Is.EqualTo(batch.Rows));
        Assert.That(run.LengthHours, Is.EqualTo(batch.LengthHours).Within(1e-6));
        Assert.That(run.Labels[RunLabels.Control], Is.EqualTo(batch.Control));
        Assert.That(run.Labels[RunLabels.FaultFlag], Is.EqualTo(batch.FaultCode == 0 ? "0" : "1"));
        Assert.That(run.StepLabels[RunLabels.FaultReference], Has.Length.EqualTo(batch.Rows));
        Assert.That(run.TimeHours.Span[0], Is.EqualTo(0.2).Within(1e-9));
    }

    [Test]
    public void Read_DevFile_RunsAreTheBatchesInOrderOverOneBuffer()
    {
        RunSet set = s_dev.Value;

        Assert.That(set.Runs.Select(r => r.Name), Is.EqualTo(DevBatches().Select(b => b.Batch)));
        Assert.That(set.Buffer.Length, Is.EqualTo(set.Runs.Sum(r => r.StepCount) * 30));
        Assert.That(MemoryMarshal.TryGetArray(set.Buffer, out ArraySegment<float> whole), Is.True);
        foreach (Run run in set.Runs)
        {
            Assert.That(MemoryMarshal.TryGetArray(run.Values, out ArraySegment<float> part), Is.True);
            Assert.That(part.Array, Is.SameAs(whole.Array));
        }
    }

    [Test]
    public void Read_DevFile_NotesTheHeaderRealignment()
    {
        Assert.That(s_dev.Value.Notes, Has.Some.Contains("Repaired the header").And.Contains("39 names")
            .And.Contains("37 values").And.Contains("1- No Raman spec"));
    }

    [Test]
    public void Read_DevFile_ThirtyChannelsWithUnitsAndNoLabelColumns()
    {
        IReadOnlyList<ChannelInfo> channels = s_dev.Value.Channels;

        Assert.That(channels, Has.Count.EqualTo(30));
        Assert.That(channels[0].Name, Is.EqualTo("Aeration rate(Fg:L/h)"));
        Assert.That(channels[^1].Name, Is.EqualTo("Viscosity(Viscosity_offline:centPoise)"));
        Assert.That(channels.Single(c => c.Name == "Temperature(T:K)").Unit, Is.EqualTo("K"));
        Assert.That(channels.Single(c => c.Name == "Penicillin concentration(P:g/L)").Unit, Is.EqualTo("g/L"));
        string[] notChannels = ["Time (h)", "Batch ID", "Fault flag", IndPenSimLayout.BatchRefName,
            IndPenSimLayout.FaultRefName, IndPenSimLayout.ControlRefName, IndPenSimLayout.PatName];
        Assert.That(channels.Select(c => c.Name), Has.None.AnyOf(notChannels));
    }

    [Test]
    public void Read_DevFile_OfflineChannelsAreSparseAndNaNWhereEmpty()
    {
        RunSet set = s_dev.Value;
        Run first = set.Runs[0];

        foreach (ChannelInfo channel in set.Channels)
        {
            var expected = s_offline.Contains(channel.Name) ? ChannelKind.Sparse : ChannelKind.Continuous;
            Assert.That(channel.Kind, Is.EqualTo(expected), channel.Name);
        }

        int paa = first.IndexOfChannel(s_offline[0]);
        Assert.That(first.Row(0)[paa], Is.NaN, "row 1 of batch 1 has no PAA assay");
        Assert.That(Enumerable.Range(0, first.StepCount).Count(s => float.IsFinite(first.Row(s)[paa])),
            Is.InRange(10, first.StepCount / 10));
        Assert.That(set.BadCells, Is.Empty);
    }

    [Test]
    public void Read_DevFile_ReadsExponentAndNegativeZeroTokens()
    {
        Run first = s_dev.Value.Runs[0];

        Assert.That(first.Row(0)[first.IndexOfChannel("Penicillin concentration(P:g/L)")],
            Is.EqualTo(8.841961133e-26f).Within(1e-32f));
        Assert.That(first.Row(0)[first.IndexOfChannel("Dumped broth flow(Fremoved:L/h)")], Is.EqualTo(0f));
        Assert.That(first.Row(0)[first.IndexOfChannel("Temperature(T:K)")], Is.EqualTo(297.7303462f));
    }

    [Test]
    public void Read_BundledSample_MatchesItsBatchTable()
    {
        RunSet set = RunReader.Read(TestData.RepoPath("samples", "indpensim-sample.csv.gz"));
        var batches = BatchRow.ReadAll(TestData.RepoPath("samples", "indpensim-sample-batches.csv")).ToList();

        Assert.That(set.Runs.Select(r => r.Name), Is.EqualTo(batches.Select(b => b.Batch)));
        Assert.That(set.Runs.Select(r => r.StepCount), Is.EqualTo(batches.Select(b => b.Rows)));
        Assert.That(set.Runs.Select(r => r.Labels[RunLabels.Control]), Is.EqualTo(batches.Select(b => b.Control)));
    }

    [Test]
    public void Read_NoUsableBatchColumn_SplitsOnTimeRestart()
    {
        using var temp = new TempFiles();
        var lines = ReadLines(TestData.RepoPath("samples", "indpensim-sample.csv.gz"), 1 + 1200 + 1140).ToList();
        // Blank the batch reference and Batch ID values (fields 35 and 36 of a 37-value row).
        var blanked = lines.Take(1).Concat(lines.Skip(1).Select(l =>
        {
            string[] f = l.Split(',');
            f[34] = "";
            f[35] = "";
            return string.Join(",", f);
        }));
        string path = temp.Write("nobatch.csv", blanked.ToArray());

        RunSet set = RunReader.Read(path);

        Assert.That(set.Runs.Select(r => r.Name), Is.EqualTo(new[] { "1", "2" }));
        Assert.That(set.Runs.Select(r => r.StepCount), Is.EqualTo(new[] { 1200, 1140 }));
        Assert.That(set.Notes, Has.Some.Contains("restarts"));
        Assert.That(set.Notes, Has.Some.Contains("Did not split runs on `Batch ID`"));
    }

    internal static IEnumerable<string> ReadLines(string gzPath, int count)
    {
        using var reader = new StreamReader(new GZipStream(File.OpenRead(gzPath), CompressionMode.Decompress));
        for (int i = 0; i < count && reader.ReadLine() is { } line; i++)
        {
            yield return line;
        }
    }

    /// <summary>One line of an IndPenSim batch table.</summary>
    public sealed record BatchRow(string Batch, string Control, int FaultCode, int Rows, double LengthHours)
    {
        public static IEnumerable<BatchRow> ReadAll(string path) =>
            File.ReadLines(path).Skip(1).Select(l => l.Split(',')).Select(f => new BatchRow(f[0], f[1],
                int.Parse(f[2], CultureInfo.InvariantCulture), int.Parse(f[4], CultureInfo.InvariantCulture),
                double.Parse(f[5], CultureInfo.InvariantCulture)));

        public override string ToString() => $"batch {Batch}";
    }
}
