using System.CommandLine;
using System.Text.Json;
using FermentEngine.Cli.Commands;
using FermentEngine.Engine.Tests.Io;

namespace FermentEngine.Engine.Tests.Cli;

public sealed class InspectCommandTests
{
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
