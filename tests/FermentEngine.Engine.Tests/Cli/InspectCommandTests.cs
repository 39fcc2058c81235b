using System.CommandLine;
using System.Text.Json;
using FermentEngine.Cli.Commands;
using FermentEngine.Engine.Tests.Io;

namespace FermentEngine.Engine.Tests.Cli;

public sealed class InspectCommandTests
{
    [TestCase("ab")]
    [TestCase("")]
    public void Inspect_SeparatorNotOneCharacter_ExitsTwoNamingTheOption(string separator)
    {
        (int code, _, string error) = Invoke("inspect", DevFile, "--separator", separator);

        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain($"--separator '{separator}': expected one character"));
    }

    [Test]
    public void Inspect_DevFileJson_RunsMatchTheBatchTable()
    {
        (int code, string output, _) = Invoke("inspect", DevFile, "--json");

        Assert.That(code, Is.Zero);
        using JsonDocument doc = JsonDocument.Parse(output);
        JsonElement root = doc.RootElement;
        var runs = root.GetProperty("runs").EnumerateArray().ToDictionary(r => r.GetProperty("run").GetString()!);
        var batches = IndPenSimReaderTests.DevBatches().ToList();
        Assert.That(runs.Keys, Is.EqualTo(batches.Select(b => b.Batch)));
        foreach (var batch in batches)
        {
            JsonElement run = runs[batch.Batch];
            Assert.That(run.GetProperty("rows").GetInt32(), Is.EqualTo(batch.Rows), batch.ToString());
            Assert.That(run.GetProperty("lengthHours").GetDouble(), Is.EqualTo(batch.LengthHours).Within(1e-6));
            JsonElement labels = run.GetProperty("labels");
            Assert.That(labels.GetProperty("control").GetString(), Is.EqualTo(batch.Control));
            Assert.That(labels.GetProperty("fault").GetString(), Is.EqualTo(batch.FaultCode == 0 ? "0" : "1"));
        }

        Assert.That(root.GetProperty("lengthOutliers").ValueKind, Is.EqualTo(JsonValueKind.Array));
    }

    [Test]
    public void Inspect_DevFileJson_ChannelsAndNotes()
    {
        (_, string output, _) = Invoke("inspect", DevFile, "--json");

        using JsonDocument doc = JsonDocument.Parse(output);
        var channels = doc.RootElement.GetProperty("channels").EnumerateArray().ToList();
        Assert.That(channels, Has.Count.EqualTo(30));
        Assert.That(channels.Count(c => c.GetProperty("kind").GetString() == "sparse"), Is.EqualTo(5));
        Assert.That(channels.Select(c => c.GetProperty("name").GetString()),
            Has.None.AnyOf("Batch ID", "Fault flag", "Time (h)"));
        var notes = doc.RootElement.GetProperty("notes").EnumerateArray().Select(n => n.GetString()).ToList();
        Assert.That(notes, Has.Some.Contains("Repaired the header"));
    }

    [Test]
    public void Inspect_FloatRunIds_ExitCode2WithMessageOnStderr()
    {
        string path = TestData.SharedPath("cases", "005-wrong-batch-id-column", "float_ids.csv");

        (int code, string output, string error) = Invoke("inspect", path, "--run-column", "Batch ID");

        Assert.That(code, Is.EqualTo(2));
        Assert.That(output, Is.Empty);
        Assert.That(error, Does.Contain("float_ids.csv").And.Contain("line 2").And.Contain("`Batch ID`"));
        Assert.That(error, Does.Not.Contain(" at FermentEngine"), "no stack trace");
    }

    [Test]
    public void Inspect_Case001Text_ShowsHistogramAndConstantChannels()
    {
        string path = TestData.SharedPath("cases", "001-constant-channel", "train.csv");

        (int code, string output, _) = Invoke("inspect", path, "--run-column", "Batch ID");

        Assert.That(code, Is.Zero);
        Assert.That(output, Does.Contain("6 runs").And.Contain("Rows per run:").And.Contain("#"));
        Assert.That(output.Split('\n').Count(l => l.Contains(" constant ")), Is.EqualTo(3));
    }

    [Test]
    public void Inspect_TimeZoneOption_ResolvesTheFallBack()
    {
        string path = TestData.SharedPath("cases", "011-timezone-dst", "naive_fallback.csv");

        (int code, string output, string error) = Invoke("inspect", path, "--time-zone", "Europe/Berlin", "--json");

        Assert.That(code, Is.Zero, error);
        using JsonDocument doc = JsonDocument.Parse(output);
        JsonElement run = doc.RootElement.GetProperty("runs")[0];
        Assert.That(run.GetProperty("rows").GetInt32(), Is.EqualTo(37));
        Assert.That(run.GetProperty("medianStepHours").GetDouble(), Is.EqualTo(0.25).Within(1e-9));
    }

    [Test]
    public void Inspect_LabelColumnOption_LabelNotAChannel()
    {
        string path = TestData.SharedPath("cases", "005-wrong-batch-id-column", "float_ids.csv");

        (int code, string output, string error) = Invoke("inspect", path, "--run-column",
            "Batch reference(Batch_ref:Batch ref)", "--label-column", "Batch ID", "--json");

        Assert.That(code, Is.Zero, error);
        using JsonDocument doc = JsonDocument.Parse(output);
        Assert.That(doc.RootElement.GetProperty("runs").GetArrayLength(), Is.EqualTo(3));
        Assert.That(doc.RootElement.GetProperty("channels").EnumerateArray()
            .Select(c => c.GetProperty("name").GetString()), Has.None.EqualTo("Batch ID"));
    }

    [TestCase(10.000000000019565, "10")]
    [TestCase(10.25, "10.25")]
    [TestCase(0.30000000000000071, "0.3")]
    [TestCase(1 / 3.0, "0.3333")]
    [TestCase(21.8974358974359, "21.9")]
    [TestCase(1234.56, "1235")]
    [TestCase(0.1 / 3600, "2.78e-5")]
    [TestCase(0.0, "0")]
    public void Hours_Values_FourSignificantDigitsNeverZeroWhenPositive(double hours, string expected) =>
        Assert.That(InspectTextReport.Hours(hours), Is.EqualTo(expected));

    [Test]
    public void InspectText_QuarterHourAndIrregularSteps_RunsTableRounded()
    {
        using var temp = new TempFiles();

        // Quarter hours counted from an epoch, and running sums of 0.1 to 1.7 h steps (float noise in the file).
        double[] steps = [0.1, 0.25, 0.3, 1.7];
        var quarter = Enumerable.Range(0, 41).Select(s => 472222.25 + (s * 0.25));
        var irregular = Enumerable.Range(0, 41).Select(s => Enumerable.Range(0, s).Sum(i => steps[i % 4]));
        string path = temp.Write("generic.csv", [
            "batch,hours,temp",
            .. quarter.Select((t, s) => FormattableString.Invariant($"B1,{t:R},{30 + (s % 3)}")),
            .. irregular.Select((t, s) => FormattableString.Invariant($"B2,{t:R},{30 + (s % 3)}")),
        ]);

        (int code, string output, string error) = Invoke("inspect", path, "--run-column", "batch", "--time-column",
            "hours");

        Assert.That(code, Is.Zero, error);
        var rows = output.Split('\n').Where(l => l.StartsWith("  B", StringComparison.Ordinal))
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.That(rows.Select(r => (r[0], r[2], r[3])),
            Is.EqualTo(new[] { ("B1", "10.25", "0.25"), ("B2", "24.09", "0.275") }));
    }

    [Test]
    public void InspectText_SubSecondSampling_StepAndLengthNotRoundedToZero()
    {
        using var temp = new TempFiles();
        var lines = new List<string> { "batch,seconds,temp" };
        lines.AddRange(Enumerable.Range(0, 41).Select(s => FormattableString.Invariant($"B1,{s * 0.1:0.0},{s % 3}")));
        string path = temp.Write("fast.csv", [.. lines]);

        (int code, string output, string error) = Invoke("inspect", path, "--run-column", "batch", "--time-column",
            "seconds", "--time-unit", "seconds");

        Assert.That(code, Is.Zero, error);
        string row = output.Split('\n').Single(l => l.StartsWith("  B1", StringComparison.Ordinal));
        Assert.That(row.Split(' ', StringSplitOptions.RemoveEmptyEntries)[2..4], Is.EqualTo(new[] { "0.001139",
            "2.78e-5" }));
    }

    private static string DevFile => TestData.SharedPath("data", "indpensim", "IndPenSim_dev.csv.gz");

    private static (int Code, string Output, string Error) Invoke(params string[] args)
    {
        var root = new RootCommand("test") { InspectCommand.Create() };
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }
}
