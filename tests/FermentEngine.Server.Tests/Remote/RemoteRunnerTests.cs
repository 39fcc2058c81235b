using FermentEngine.Cli.Commands;
using FermentEngine.Cli.Remote;
using FermentEngine.Engine.Runs;
using FermentEngine.Engine.Scoring;
using FermentEngine.Engine.Training;
using FermentEngine.Server.Tests.Fakes;

namespace FermentEngine.Server.Tests.Remote;

/// <summary>The CLI's server side: train and score through a server, live replay, failures as exit codes.</summary>
public sealed class RemoteRunnerTests
{
    private static readonly Uri s_server = new("http://localhost");

    private TestServerHost _host = null!;
    private FakeEngine _engine = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        _engine = new FakeEngine();
        _host = await TestServerHost.StartAsync(_engine);
    }

    [TearDown]
    public async Task TearDownAsync() => await _host.DisposeAsync();

    [Test]
    public async Task ScoreAsync_Runs_MappedBackToEngineVerdicts()
    {
        await _host.RegisterAsync("broth", new FakeModel(_engine, ["a", "b"]));
        var runs = new RunSet([MakeRun("low", 1f), MakeRun("high", 20f)]);

        var verdicts = await RemoteRunner.ScoreAsync(_host.Client, s_server, "broth", runs, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(verdicts.Select(v => (v.Run, v.Status, v.Flagged)),
                Is.EqualTo(new[] { ("low", RunStatus.Scored, false), ("high", RunStatus.Scored, true) }));
            Assert.That(verdicts[1].Score, Is.EqualTo(20.0));
            Assert.That(verdicts[1].TopChannels.Single(), Is.EqualTo(new ChannelContribution("a", 1.0)));
            Assert.That(verdicts[1].PopulationSize, Is.EqualTo(8));
            Assert.That(verdicts[0].FirstAlarmHours, Is.Null);
            Assert.That(verdicts[1].Error, Is.Null);
        });
    }

    [Test]
    public async Task ScoreAsync_Partial_ReachesTheEngineAsPartialScoring()
    {
        var model = new FakeModel(_engine, ["a", "b"]);
        await _host.RegisterLoadedAsync("broth", model);
        var runs = new RunSet([MakeRun("running", 1f)]);

        await RemoteRunner.ScoreAsync(_host.Client, s_server, "broth", runs, CancellationToken.None);
        await RemoteRunner.ScoreAsync(_host.Client, s_server, "broth", runs, CancellationToken.None, asPartial: true);

        Assert.That(model.PartialCalls, Is.EqualTo(new[] { false, true }));
    }

    [Test]
    public async Task ScoreAsync_DriftTest_CarriedThroughTheServerOrLeftNull()
    {
        await _host.RegisterAsync("broth", new FakeModel(_engine, ["a", "b"]));
        var shortRun = new Run("short", [new ChannelInfo("a"), new ChannelInfo("b")], new double[] { 0 },
            new float[] { 20, 20 });
        var runs = new RunSet([MakeRun("low", 1f), MakeRun("high", 20f), shortRun]);

        var verdicts = await RemoteRunner.ScoreAsync(_host.Client, s_server, "broth", runs, CancellationToken.None);

        // The fake's drift test: on the last channel, from its second step, significant with a mean above 10.
        Assert.Multiple(() =>
        {
            Assert.That(verdicts[0].Drift, Is.EqualTo(new ChannelDrift("b", 0.25, -1, 0.75, null)));
            Assert.That(verdicts[1].Drift, Is.EqualTo(new ChannelDrift("b", 5, 18, 0.001, 0.2)));
            Assert.That(verdicts[1].FirstAlarmHours, Is.EqualTo(0.2), "the drift's onset is the first alarm");
            Assert.That(verdicts[2].Drift, Is.Null, "shorter than the drift window");
        });
    }

    [Test]
    public async Task ScoreAsync_OlderVersion_ScoresWithThatVersion()
    {
        await _host.RegisterAsync("broth", new FakeModel(_engine, ["a", "b"]));
        await _host.RegisterAsync("broth", new FakeModel(_engine, ["a", "z"]));
        var runs = new RunSet([MakeRun("low", 1f)]);

        var older = await RemoteRunner.ScoreAsync(_host.Client, s_server, "broth", runs, CancellationToken.None,
            version: 1);

        Assert.That(older.Single().Status, Is.EqualTo(RunStatus.Scored));
        Assert.ThrowsAsync<RemoteCallException>(() =>
            RemoteRunner.ScoreAsync(_host.Client, s_server, "broth", runs, CancellationToken.None));
    }

    [Test]
    public async Task ScoreAsync_RunWithMoreChannelsThanTheModel_SendsOnlyTheModels()
    {
        var model = new FakeModel(_engine, ["b", "a"]);
        await _host.RegisterLoadedAsync("broth", model);
        var run = new Run("wide", [new ChannelInfo("a"), new ChannelInfo("x", Kind: ChannelKind.Sparse),
            new ChannelInfo("b")], new double[] { 0, 1 }, new float[] { 1, 9, 2, 3, 9, 4 });

        var verdicts = await RemoteRunner.ScoreAsync(_host.Client, s_server, "broth", new RunSet([run]),
            CancellationToken.None);

        Assert.That(verdicts.Single().Status, Is.EqualTo(RunStatus.Scored));
        Assert.That(model.Seen.Single().Channels.Select(c => c.Name), Is.EqualTo(new[] { "b", "a" }));
        Assert.That(model.Seen.Single().Values.ToArray(), Is.EqualTo(new float[] { 2, 1, 4, 3 }));
    }

    [Test]
    public async Task TrainAsync_Runs_PrintsProgressAndStoredModel()
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var runs = new RunSet([MakeRun("g1", 1f), MakeRun("g2", 2f)]);

        int exitCode = await RemoteRunner.TrainAsync(_host.Client, s_server, runs,
            new TrainingOptions { MaxEpochs = 2 }, "broth", output, errors, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero, errors.ToString());
            Assert.That(errors.ToString(), Does.Contain("epoch   2/2"));
            Assert.That(output.ToString(), Does.Contain("Model 'broth' v1 stored: 2 training runs"));
            Assert.That(output.ToString(), Does.Contain("left out of training: none (test)"));
        });
    }

    [Test]
    public async Task TrainAsync_ReferenceOutlierWithPRoundedToZero_PrintsABound()
    {
        _engine.ReferenceOutliers = [new ExcludedRun("g2",
            "held-out score 9.1 (z = 5.00) is an outlier against the other good runs (p = 0); kept out of the "
            + "reference population")];
        var output = new StringWriter();
        var errors = new StringWriter();
        var runs = new RunSet([MakeRun("g1", 1f), MakeRun("g2", 2f)]);

        int exitCode = await RemoteRunner.TrainAsync(_host.Client, s_server, runs,
            new TrainingOptions { MaxEpochs = 1 }, "broth", output, errors, CancellationToken.None);

        Assert.That(exitCode, Is.Zero, errors.ToString());
        Assert.That(output.ToString(), Does.Contain("  left out of the reference population: g2 (held-out score 9.1 "
            + "(z = 5.00) is an outlier against the other good runs (p < 0.0001); kept out of the reference "
            + "population)"));
    }

    [Test]
    public async Task TrainAsync_Json_PrintsTheFinalMessageAsJson()
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var runs = new RunSet([MakeRun("g1", 1f), MakeRun("g2", 2f)]);

        int exitCode = await RemoteRunner.TrainAsync(_host.Client, s_server, runs,
            new TrainingOptions { MaxEpochs = 2 }, "broth", output, errors, CancellationToken.None, json: true);

        Assert.That(exitCode, Is.Zero, errors.ToString());
        using var document = System.Text.Json.JsonDocument.Parse(output.ToString());
        var root = document.RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("done").GetBoolean(), Is.True);
            Assert.That(root.GetProperty("model").GetProperty("modelId").GetString(), Is.EqualTo("broth"));
            Assert.That(root.GetProperty("model").GetProperty("version").GetUInt32(), Is.EqualTo(1));
            Assert.That(root.GetProperty("excluded").GetArrayLength(), Is.EqualTo(1));
            Assert.That(root.GetProperty("referenceOutliers").ValueKind,
                Is.EqualTo(System.Text.Json.JsonValueKind.Array));
            Assert.That(errors.ToString(), Does.Contain("epoch   2/2"));
        });
    }

    [Test]
    public async Task TrainAsync_UnknownChannelsRefused_ExitCode2AndOneLine()
    {
        var errors = new StringWriter();
        var runs = new RunSet([MakeRun("g1", 1f)]);
        var options = new TrainingOptions { Significance = 2 };

        int exitCode = await RemoteRunner.TrainAsync(_host.Client, s_server, runs, options, "broth", new StringWriter(),
            errors, CancellationToken.None);

        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(errors.ToString().TrimEnd(),
            Does.StartWith("error: options.significance: 2;").And.Not.Contain('\n'));
    }

    [Test]
    public void ScoreAsync_NoServerListening_RemoteCallExceptionWithExitCode3()
    {
        var runs = new RunSet([MakeRun("g1", 1f)]);

        // Port 9 on loopback (discard) has no listener here; the address stays on this machine.
        var ex = Assert.ThrowsAsync<RemoteCallException>(() =>
            RemoteRunner.ScoreAsync(new Uri("http://127.0.0.1:9"), "broth", runs, CancellationToken.None));

        Assert.That(ex!.ExitCode, Is.EqualTo(3));
        Assert.That(ex.Message, Does.StartWith("error: cannot reach a FermentEngine server at http://127.0.0.1:9/"));
    }

    [TestCase("not-a-url")]
    [TestCase("ftp://127.0.0.1:5170")]
    public async Task ModelsCommand_BadServerAddress_OneLineAndExitCode3(string address)
    {
        var (code, _, error) = await InvokeAsync("models", "--server", address);

        Assert.That(code, Is.EqualTo(3));
        Assert.That(error, Is.EqualTo($"error: '{address}' is not a server address; expected e.g. "
            + $"http://127.0.0.1:5170{Environment.NewLine}"));
    }

    [Test]
    public async Task WatchCommand_NoServerListening_OneLineAndExitCode3()
    {
        var (code, _, error) = await InvokeAsync("watch", SampleFile(), "--model", "m", "--server",
            "http://127.0.0.1:9");

        Assert.That(code, Is.EqualTo(3));
        Assert.That(error, Does.StartWith("error: cannot reach a FermentEngine server at http://127.0.0.1:9/"));
        Assert.That(error.TrimEnd(), Does.Not.Contain('\n'));
    }

    [TestCase("--speed", "-1", "error: --speed -1; expected 0 or a positive multiple.")]
    [TestCase("--run", "nope", "has no run 'nope'.")]
    public async Task WatchCommand_BadRequest_OneLineAndExitCode2(string option, string value, string message)
    {
        var (code, _, error) = await InvokeAsync("watch", SampleFile(), "--model", "m", "--server",
            "http://127.0.0.1:9", option, value);

        Assert.That(code, Is.EqualTo(2));
        Assert.That(error.TrimEnd(), Does.EndWith(message));
    }

    [TestCase("hours", "hours", 1.0)]
    [TestCase("elapsed", "minutes", 60.0)]
    public async Task WatchCommand_GenericFileWithFileOptions_ReplaysEachRunOnItsTimeAxis(
        string timeColumn, string unit, double scale)
    {
        await _host.RegisterAsync("broth", new FakeModel(_engine, ["a", "b"]));
        string path = Path.Combine(Path.GetTempPath(), $"fermentctl-watch-{Guid.NewGuid():N}.csv");

        // Two runs by `batch`, 0.25 h steps in the time column (after the channels), a text label; a, the fake's
        // alarm channel, passes 10 at 0.50 h in B2 only.
        var lines = new List<string> { $"batch,a,b,site,{timeColumn}" };
        foreach (string batch in new[] { "B1", "B2" })
        {
            lines.AddRange(Enumerable.Range(0, 4).Select(step => FormattableString.Invariant(
                $"{batch},{(batch == "B2" && step == 2 ? 12 : 1)},5,north,{step * 0.25 * scale}")));
        }

        await File.WriteAllLinesAsync(path, lines);
        try
        {
            // The address reaches the server in memory through the client the test makes.
            var (code, output, error) = await InvokeAsync(_host.CreateClient, "watch", path, "--model", "broth",
                "--server", "http://127.0.0.1:9", "--run-column", "batch", "--time-column", timeColumn,
                "--time-unit", unit, "--label-column", "site");

            Assert.Multiple(() =>
            {
                Assert.That(code, Is.Zero, error);
                Assert.That(output, Does.Contain("B1: 4 samples, no alarm"));
                Assert.That(output, Does.Contain("    0.50 h  ALARM  B2: a 100%"));
                Assert.That(output, Does.Contain("    0.75 h  clear  B2"));
                Assert.That(output, Does.Contain("B2: 4 samples, first alarm at 0.50 h"));
            });
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static Task<(int Code, string Output, string Error)> InvokeAsync(params string[] args) =>
        InvokeAsync(null, args);

    /// <summary>Runs a command line; <paramref name="connect"/>, when given, makes <c>watch</c>'s client.</summary>
    private static async Task<(int Code, string Output, string Error)> InvokeAsync(
        Func<Uri, FermentEngine.Client.FermentClient>? connect, params string[] args)
    {
        var root = new System.CommandLine.RootCommand("test")
        {
            ModelsCommand.Create(), ModelCommand.Create(), WatchCommand.Create(connect),
        };
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = await root.Parse(args).InvokeAsync(
            new System.CommandLine.InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>The bundled sample run file, found from the test's folder upward.</summary>
    private static string SampleFile()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            string path = Path.Combine(folder.FullName, "samples", "indpensim-sample.csv.gz");
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new FileNotFoundException("samples/indpensim-sample.csv.gz is not above the test folder.");
    }

    [Test]
    public async Task LiveReplay_RunCrossesLimit_PrintsAlarmAtItsTime()
    {
        await _host.RegisterAsync("broth", new FakeModel(_engine, ["a", "b"]));
        var output = new StringWriter();
        float[] values = [0, 5, 1, 5, 12, 5, 13, 5, 2, 5];
        var run = new Run("live", [new ChannelInfo("b"), new ChannelInfo("a")], new double[] { 0, 0.2, 0.4, 0.6, 0.8 },
            Swap(values));

        var summary = await new LiveReplay(_host.Client, output).RunAsync("broth", 0, run, ["a", "b"], 0,
            CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(summary, Is.EqualTo(new ReplaySummary(5, 1, 0.4)));
            Assert.That(output.ToString(), Does.Contain("    0.40 h  ALARM  live: a 100%"));
            Assert.That(output.ToString(), Does.Contain("    0.80 h  clear  live"));
            Assert.That(output.ToString(), Does.Contain("live: 5 samples, first alarm at 0.40 h"));
            // The last line is the finished run's verdict (the fake's p is 0.5).
            Assert.That(output.ToString(), Does.Contain("p 0.5000, not flagged."));
        });
    }

    [Test]
    public async Task LiveReplay_DriftSignificantForAWhile_PrintsDriftAlarmAndItsClear()
    {
        await _host.RegisterAsync("broth", new FakeModel(_engine, ["a", "b"]));
        var output = new StringWriter();

        // Pairs (a, b): b, the fake's drift channel, is above 10 at 0.4 and 0.6 h; a never alarms.
        float[] values = [1, 5, 1, 5, 1, 12, 1, 14, 1, 3];
        var run = new Run("live", [new ChannelInfo("a"), new ChannelInfo("b")],
            new double[] { 0, 0.2, 0.4, 0.6, 0.8 }, values);

        var summary = await new LiveReplay(_host.Client, output).RunAsync("broth", 0, run, ["a", "b"], 0,
            CancellationToken.None);

        string text = output.ToString();
        Assert.Multiple(() =>
        {
            Assert.That(summary, Is.EqualTo(new ReplaySummary(5, 1, 0.4)));
            Assert.That(text, Does.Contain("    0.40 h  ALARM  live: b drift +1.20σ (z 7.0, p 0.0020)"));
            Assert.That(text, Does.Contain("    0.80 h  clear  live: drift"));
            Assert.That(text, Does.Not.Contain("0.60 h"), "one line at the start, one at the end");
            Assert.That(text, Does.Contain("live: 5 samples, first alarm at 0.40 h"));
        });
    }

    [Test]
    public async Task LiveReplay_DriftBeforePointAlarm_PointAlarmDoesNotClaimTheDriftOnset()
    {
        await _host.RegisterAsync("broth", new FakeModel(_engine, ["a", "b"]));
        var output = new StringWriter();

        // b drifts from 0.2 h; a crosses the point limit at 0.6 h, when the run's first alarm is the drift's onset.
        float[] values = [1, 5, 1, 12, 1, 12, 11, 12];
        var run = new Run("live", [new ChannelInfo("a"), new ChannelInfo("b")], new double[] { 0, 0.2, 0.4, 0.6 },
            values);

        var summary = await new LiveReplay(_host.Client, output).RunAsync("broth", 0, run, ["a", "b"], 0,
            CancellationToken.None);

        string text = output.ToString();
        Assert.Multiple(() =>
        {
            Assert.That(summary, Is.EqualTo(new ReplaySummary(4, 2, 0.2)));
            Assert.That(text, Does.Contain("    0.20 h  ALARM  live: b drift +1.20σ"));
            Assert.That(text, Does.Contain("    0.60 h  ALARM  live: a 100% (running score 11, z 10.0)"));
            Assert.That(text, Does.Not.Contain("over the limit since"));
        });
    }

    [Test]
    public async Task ModelPrinterDetails_StoredModel_PrintsTheDriftWindow()
    {
        await _host.RegisterAsync("broth", new FakeModel(_engine, ["a", "b"]));
        var output = new StringWriter();

        var model = await _host.Client.GetModelAsync("broth");
        ModelPrinter.Details(model, output);
        model.DriftSteps = 0;
        ModelPrinter.Details(model, output);

        var lines = output.ToString().Split(Environment.NewLine)
            .Where(l => l.StartsWith("Drift", StringComparison.Ordinal));
        Assert.That(lines, Is.EqualTo(new[] { $"Drift window {FakeModel.DriftSteps} steps", "Drift window off" }));
    }

    private static Run MakeRun(string name, float level) =>
        new(name, [new ChannelInfo("a"), new ChannelInfo("b")], new double[] { 0, 0.2, 0.4 },
            new[] { level, level, level, level, level, level });

    /// <summary>Pairs (a, b) as (b, a), for a run whose columns are in the other order.</summary>
    private static float[] Swap(float[] pairs)
    {
        var swapped = new float[pairs.Length];
        for (int i = 0; i < pairs.Length; i += 2)
        {
            swapped[i] = pairs[i + 1];
            swapped[i + 1] = pairs[i];
        }

        return swapped;
    }
}
