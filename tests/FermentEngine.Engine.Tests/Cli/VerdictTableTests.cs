using System.Text.Json;
using FermentEngine.Cli.Output;
using FermentEngine.Engine.Scoring;

namespace FermentEngine.Engine.Tests.Cli;

/// <summary>The verdict table and its JSON with the drift test: which verdicts name the drift, and its keys.</summary>
public sealed class VerdictTableTests
{
    private const string Temperature = "Temperature(T:K)";
    private const string Oxygen = "Dissolved oxygen concentration(DO2:mg/L)";
    private const string Flow = "Sugar feed rate(Fs:L/h)";
    private const string Ph = "pH(pH:pH)";

    // The oxygen channel's share in the top channels, up to its percent sign.
    private const string OxygenShare = "Dissolved oxygen concentration 60";

    [TestCase(1.98, "Temperature drift +1.98σ")]
    [TestCase(-0.734, "Temperature drift -0.73σ")]
    public void Write_DriftDecidesFlaggedRun_TopChannelsColumnLeadsWithTheDrift(double offset, string expected)
    {
        var verdict = Verdict("301", flagged: true, firstAlarmHours: 112.5,
            new ChannelDrift(Temperature, offset, 3.4, 2.5e-4, 112.5));

        Assert.That(Row(verdict), Does.EndWith($"{expected}, {OxygenShare} %, Temperature 40 %"));
    }

    [Test]
    public void Write_PointAlarmBeforeDriftOnset_StillLeadsWithTheDrift()
    {
        // The reviewer's run: a pH drift decides it (drift p 1.8e-5), but a point alarm on other channels came first.
        var verdict = new RunVerdict("29", RunStatus.Scored, null, 4.1, 2.6, 3.6e-5, true, 40.0,
            [new ChannelContribution(Flow, 0.28), new ChannelContribution(Temperature, 0.21),
                new ChannelContribution(Oxygen, 0.20)], 12, null, [])
        {
            Drift = new ChannelDrift(Ph, 1.23, 4.6, 1.8e-5, 112.5),
        };

        string row = Row(verdict);

        Assert.That(row, Does.EndWith("pH drift +1.23σ, Sugar feed rate 28 %, Temperature 21 %"));
        Assert.That(row, Does.Not.Contain("Dissolved oxygen"), "the drift and two channels at most");
    }

    [Test]
    public void Write_NoDrift_AllTopChannels()
    {
        var verdict = new RunVerdict("305", RunStatus.Scored, null, 4.1, 2.6, 0.003, true, 40.0,
            [new ChannelContribution(Flow, 0.28), new ChannelContribution(Temperature, 0.21),
                new ChannelContribution(Oxygen, 0.20)], 12, null, []);

        Assert.That(Row(verdict),
            Does.EndWith("Sugar feed rate 28 %, Temperature 21 %, Dissolved oxygen concentration 20 %"));
    }

    [Test]
    public void Write_DriftNotSignificantAlone_KeepsTheTopChannels()
    {
        var verdict = Verdict("303", flagged: true, firstAlarmHours: 40.0,
            new ChannelDrift(Temperature, 1.2, 1.9, 0.05, null));

        Assert.That(Row(verdict), Does.EndWith($"{OxygenShare} %, Temperature 40 %").And.Not.Contain("drift"));
    }

    [Test]
    public void Write_DriftOnsetOnUnflaggedVerdict_StillLeadsWithTheDrift()
    {
        // Not a verdict the engine gives (a drift with an onset flags the run); the onset alone decides.
        var verdict = Verdict("304", flagged: false, firstAlarmHours: 112.5,
            new ChannelDrift(Temperature, 1.98, 3.4, 2.5e-4, 112.5));

        Assert.That(Row(verdict), Does.EndWith($"Temperature drift +1.98σ, {OxygenShare} %, Temperature 40 %"));
    }

    [Test]
    public void WriteJson_RunsWithAndWithoutDrift_DriftObjectWithItsKeysOrNull()
    {
        var rows = new[]
        {
            new VerdictTable.Row(Verdict("301", true, 112.5, new ChannelDrift(Temperature, 1.98, 3.4, 2.5e-4, 112.5))),
            new VerdictTable.Row(Verdict("302", false, null, new ChannelDrift(Temperature, -0.5, 0.2, 0.9, null))),
            new VerdictTable.Row(Verdict("303", false, null, null)),
        };
        var output = new StringWriter();

        VerdictTable.WriteJson(output, rows);

        var runs = JsonDocument.Parse(output.ToString()).RootElement.GetProperty("runs").EnumerateArray().ToList();
        var drift = runs[0].GetProperty("drift");
        Assert.Multiple(() =>
        {
            Assert.That(drift.EnumerateObject().Select(p => p.Name),
                Is.EqualTo(new[] { "channel", "offset", "z", "p", "onsetHours" }));
            Assert.That(drift.GetProperty("channel").GetString(), Is.EqualTo(Temperature));
            Assert.That(drift.GetProperty("offset").GetDouble(), Is.EqualTo(1.98));
            Assert.That(drift.GetProperty("z").GetDouble(), Is.EqualTo(3.4));
            Assert.That(drift.GetProperty("p").GetDouble(), Is.EqualTo(2.5e-4));
            Assert.That(drift.GetProperty("onsetHours").GetDouble(), Is.EqualTo(112.5));
            Assert.That(runs[1].GetProperty("drift").GetProperty("onsetHours").ValueKind,
                Is.EqualTo(JsonValueKind.Null));
            Assert.That(runs[2].GetProperty("drift").ValueKind, Is.EqualTo(JsonValueKind.Null));
            foreach (string field in new[]
            {
                "run", "category", "status", "error", "score", "z", "p", "flagged", "firstAlarmHours", "topChannels",
                "populationSize", "warnings", "note",
            })
            {
                Assert.That(runs[2].TryGetProperty(field, out _), Is.True, field);
            }
        });
    }

    private static RunVerdict Verdict(string run, bool flagged, double? firstAlarmHours, ChannelDrift? drift) =>
        new(run, RunStatus.Scored, null, 2.5, 1.7, flagged ? 0.0005 : 0.4, flagged, firstAlarmHours,
            [new ChannelContribution(Oxygen, 0.6), new ChannelContribution(Temperature, 0.4)], 12, null, [])
        {
            Drift = drift,
        };

    /// <summary>The table line of a single verdict (after the header and its rule).</summary>
    private static string Row(RunVerdict verdict)
    {
        var output = new StringWriter();
        VerdictTable.Write(output, [new VerdictTable.Row(verdict)]);
        return output.ToString().Split(Environment.NewLine)[2];
    }
}
