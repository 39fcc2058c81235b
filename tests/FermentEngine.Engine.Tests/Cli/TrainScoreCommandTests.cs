using System.CommandLine;
using System.Text.Json;
using FermentEngine.Cli.Commands;

namespace FermentEngine.Engine.Tests.Cli;

public sealed class TrainScoreCommandTests
{
    private string _folder = null!;

    [SetUp]
    public void MakeFolder() => _folder = Directory.CreateTempSubdirectory("fermentctl-").FullName;

    [TearDown]
    public void RemoveFolder() => Directory.Delete(_folder, recursive: true);

    private static (int Code, string Output, string Error) Invoke(params string[] args)
    {
        var root = new RootCommand("test")
        {
            TrainCommand.Create(), ScoreCommand.Create(), DemoCommand.Create(), ModelCommand.Create(),
        };
        var output = new StringWriter();
        var error = new StringWriter();
        int code = root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    private static string Case007(string file) => TestData.SharedPath("cases", "007-variable-length-runs", file);

    [Test]
    public void TrainThenScoreJson_Case007_RunsArrayCarriesTheVerdictFields()
    {
        string model = Path.Combine(_folder, "m.fem");

        var train = Invoke("train", Case007("train.csv"), "--model", model, "--run-column", "Batch ID");
        var score = Invoke("score", Case007("score_all.csv"), "--model", model, "--run-column", "Batch ID", "--json");

        Assert.That(train.Code, Is.EqualTo(0), train.Error);
        Assert.That(train.Output, Does.Contain("Trained on 6 runs"));
        Assert.That(score.Code, Is.EqualTo(0), score.Error);
        var runs = JsonDocument.Parse(score.Output).RootElement.GetProperty("runs").EnumerateArray()
            .ToDictionary(r => r.GetProperty("run").GetString()!);
        Assert.That(runs.Keys, Is.EquivalentTo(new[] { "301", "302", "303" }));
        foreach (string field in new[] { "score", "z", "p", "flagged", "firstAlarmHours", "topChannels", "drift" })
        {
            Assert.That(runs["303"].TryGetProperty(field, out _), Is.True, field);
        }

        // The runs are longer than the model's drift window, so each has a drift test.
        Assert.That(runs.Values.Select(r => r.GetProperty("drift").ValueKind), Has.All.EqualTo(JsonValueKind.Object));
        Assert.That(runs["303"].GetProperty("drift").EnumerateObject().Select(p => p.Name),
            Is.EqualTo(new[] { "channel", "offset", "z", "p", "onsetHours" }));

        Assert.That(runs["303"].GetProperty("flagged").GetBoolean(), Is.True);
        Assert.That(runs["301"].GetProperty("flagged").GetBoolean(), Is.False);
        Assert.That(runs["303"].GetProperty("topChannels")[0].GetProperty("channel").GetString(),
            Is.EqualTo("Dissolved oxygen concentration(DO2:mg/L)"));
    }

    [Test]
    public void TrainDriftWindowZero_ScoreJson_HasNoDriftTest()
    {
        string model = Path.Combine(_folder, "m.fem");

        var train = Invoke("train", Case007("train.csv"), "--model", model, "--run-column", "Batch ID",
            "--drift-window", "0");
        var score = Invoke("score", Case007("score_all.csv"), "--model", model, "--run-column", "Batch ID", "--json");

        Assert.That(train.Code, Is.EqualTo(0), train.Error);
        Assert.That(score.Code, Is.EqualTo(0), score.Error);
        var runs = JsonDocument.Parse(score.Output).RootElement.GetProperty("runs").EnumerateArray().ToList();
        Assert.That(runs.Select(r => r.GetProperty("drift").ValueKind), Has.All.EqualTo(JsonValueKind.Null));
        Assert.That(FermentEngine.Engine.Scoring.FermentModel.Load(model).Drift, Is.Null);
    }

    [Test]
    public void TrainNegativeDriftWindow_RefusedWithExitTwo()
    {
        string model = Path.Combine(_folder, "m.fem");

        var train = Invoke("train", Case007("train.csv"), "--model", model, "--run-column", "Batch ID",
            "--drift-window", "-3");

        Assert.That(train.Code, Is.EqualTo(CliErrors.BadInput));
        Assert.That(train.Error, Does.Contain("Option --drift-window is -3"));
        Assert.That(File.Exists(model), Is.False);
    }

    [TestCase("--drift-window", "-1",
        "Option --drift-window is -1; it must be 0 (off) or at least --smoothing (10).")]
    [TestCase("--folds", "1", "Option --folds is 1; it must be at least 2.")]
    [TestCase("--significance", "2", "Option --significance is 2; it must be between 0 and 1.")]
    [TestCase("--smoothing", "-5", "Option --smoothing is -5; it must be at least 1.")]
    public void Train_OptionOutOfRange_SameMessageAndExitTwoHereAndForAServer(
        string option, string value, string message)
    {
        // Port 9 (discard) on loopback: nothing listens, so only a refusal before the call can give exit code 2.
        const string Server = "http://127.0.0.1:9";
        string file = Case007("train.csv");

        var here = Invoke("train", file, "--model", Path.Combine(_folder, "m.fem"), "--run-column", "Batch ID",
            option, value);
        var remote = Invoke("train", file, "--model", "broth", "--run-column", "Batch ID", "--server", Server,
            option, value);
        var stored = Invoke("model", "train", "broth", file, "--run-column", "Batch ID", "--server", Server,
            option, value);

        Assert.Multiple(() =>
        {
            foreach (var (name, result) in new[] { ("train", here), ("train --server", remote), ("model", stored) })
            {
                Assert.That(result.Code, Is.EqualTo(CliErrors.BadInput), $"{name}: {result.Error}");
                Assert.That(result.Error.Split(Environment.NewLine).Where(l => l.StartsWith("error:",
                    StringComparison.Ordinal)), Is.EqualTo(new[] { $"error: {message}" }), name);
                Assert.That(result.Output, Is.Empty, name);
            }
        });
    }

    [TestCase("--drift-window", "abc", "--drift-window: 'abc' is not a whole number.")]
    [TestCase("--significance", "0,5", "--significance: '0,5' is not a number such as 0.01.")]
    public void Train_NumberOptionNotANumber_ParseErrorNamingTheOption(string option, string value, string message)
    {
        var train = Invoke("train", Case007("train.csv"), "--model", Path.Combine(_folder, "m.fem"), option, value);

        Assert.That(train.Code, Is.EqualTo(1));
        Assert.That(train.Error, Does.Contain(message));
        Assert.That(File.Exists(Path.Combine(_folder, "m.fem")), Is.False);
    }

    [Test]
    public void Train_MisspeltOption_ParseErrorNotAMissingFile()
    {
        var train = Invoke("train", Case007("train.csv"), "--model", Path.Combine(_folder, "m.fem"),
            "--driftwindow", "5");

        Assert.That(train.Code, Is.EqualTo(1));
        Assert.That(train.Error, Does.Contain("Unknown option '--driftwindow'").And.Not.Contain("no such file"));
    }

    [Test]
    public void Score_SeparatorNotOneCharacter_ExitsTwoNamingTheOption()
    {
        var score = Invoke("score", Case007("score_all.csv"), "--model", Path.Combine(_folder, "m.fem"),
            "--separator", ";;");

        Assert.That(score.Code, Is.EqualTo(CliErrors.BadInput));
        Assert.That(score.Error, Does.Contain("--separator ';;': expected one character"));
    }

    [Test]
    public void Train_WhereFilterMatchesTooFewRuns_ExitsWithTwoAndSaysWhy()
    {
        string model = Path.Combine(_folder, "m.fem");

        var train = Invoke("train", TestData.RepoPath("samples", "indpensim-sample.csv.gz"), "--model", model,
            "--where", "control=nobody");

        Assert.That(train.Code, Is.EqualTo(CliErrors.BadInput));
        Assert.That(train.Error, Does.Contain("at least 4 usable good runs"));
        Assert.That(File.Exists(model), Is.False);
    }

    [Test]
    public void Train_WhereOnALabelNoRunHas_NamesTheLabel()
    {
        var train = Invoke("train", Case007("train.csv"), "--model", Path.Combine(_folder, "m.fem"),
            "--run-column", "Batch ID", "--where", "control=recipe");

        Assert.That(train.Code, Is.EqualTo(CliErrors.BadInput));
        Assert.That(train.Error, Does.Contain("no run has the label 'control'"));
    }

    [Test]
    public void Train_ModelInMissingFolder_RefusedBeforeTraining()
    {
        string model = Path.Combine(_folder, "absent", "m.fem");

        var train = Invoke("train", Case007("train.csv"), "--model", model, "--run-column", "Batch ID");

        Assert.That(train.Code, Is.EqualTo(CliErrors.BadInput));
        Assert.That(train.Error, Does.Contain("does not exist"));
        Assert.That(train.Output, Is.Empty);
    }

    [Test]
    public void Score_RunThatCannotBeScored_ListedAndExitCodeTwo()
    {
        string model = Path.Combine(_folder, "m.fem");
        string dir = TestData.SharedPath("cases", "006-window-longer-than-run");
        Invoke("train", Path.Combine(dir, "train.csv"), "--model", model, "--run-column", "Batch ID",
            "--window", "24");

        var score = Invoke("score", Path.Combine(dir, "score.csv"), "--model", model, "--run-column", "Batch ID");

        Assert.That(score.Code, Is.EqualTo(CliErrors.BadInput));
        Assert.That(score.Output, Does.Contain("201").And.Contain("12 samples, shorter than window 24"));
        Assert.That(score.Output, Does.Contain("202"));
    }

    [Test]
    public void Score_UnreachableServer_ExitsWithThreeInOneLine()
    {
        // Port 9 (discard) on loopback: nothing of ours listens there.
        var score = Invoke("score", Case007("score_301.csv"), "--model", "broth", "--run-column", "Batch ID",
            "--server", "http://127.0.0.1:9");

        Assert.That(score.Code, Is.EqualTo(3));
        var errors = score.Error.Split('\n').Where(l => l.StartsWith("error:", StringComparison.Ordinal));
        Assert.That(errors.Count(), Is.EqualTo(1));
        Assert.That(score.Error, Does.Contain("127.0.0.1:9"));
    }

    [Test]
    public void Train_BadServerAddress_ExitsWithThree()
    {
        var train = Invoke("train", Case007("train.csv"), "--model", "broth", "--run-column", "Batch ID",
            "--server", "not a url");

        Assert.That(train.Code, Is.EqualTo(3));
        Assert.That(train.Error, Does.Contain("not a url"));
    }

    [Test]
    public void Score_MissingModelFile_ExitsWithTwoNamingTheFile()
    {
        string model = Path.Combine(_folder, "absent.fem");

        var score = Invoke("score", Case007("score_301.csv"), "--model", model);

        Assert.That(score.Code, Is.EqualTo(CliErrors.BadInput));
        Assert.That(score.Error, Does.Contain("absent.fem"));
    }

    [Test]
    public void DemoJson_BundledSample_RanksEveryBatchAndFlagsEveryFault()
    {
        var demo = Invoke("demo", "--json", "--samples", TestData.RepoPath("samples"));

        Assert.That(demo.Code, Is.EqualTo(0), demo.Error);
        var runs = JsonDocument.Parse(demo.Output).RootElement.GetProperty("runs").EnumerateArray().ToList();
        Assert.That(runs, Has.Count.EqualTo(34));
        var scores = runs.Select(r => r.GetProperty("score").GetDouble()).ToList();
        Assert.That(scores, Is.Ordered.Descending);
        bool Flagged(string run) => runs.Single(r => r.GetProperty("run").GetString() == run)
            .GetProperty("flagged").GetBoolean();
        // Every fault of the sample, the two slow sensor drifts (14, 28) included.
        string[] faults = ["12", "13", "14", "26", "27", "28", "40", "41"];
        Assert.That(faults.Where(f => !Flagged(f)), Is.Empty);
        var normal = runs.Where(r =>
            r.GetProperty("category").GetString()!.StartsWith("normal", StringComparison.Ordinal));
        Assert.That(normal.Count(r => r.GetProperty("flagged").GetBoolean()), Is.LessThanOrEqualTo(1));
        Assert.That(demo.Error, Does.Contain("training"));
        // The summary per group: every run counted once, with its flags.
        var summary = JsonDocument.Parse(demo.Output).RootElement.GetProperty("summary").EnumerateArray().ToList();
        Assert.That(summary.Sum(g => g.GetProperty("runs").GetInt32()), Is.EqualTo(34));
        Assert.That(summary.Single(g => g.GetProperty("group").GetString() == "fault").GetProperty("flagged")
            .GetInt32(), Is.EqualTo(8));
        Assert.That(summary.Select(g => g.GetProperty("medianScore").GetDouble()), Is.All.GreaterThan(0));
    }
}
