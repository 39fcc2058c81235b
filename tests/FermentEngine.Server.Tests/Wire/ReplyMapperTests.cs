using FermentEngine.Cli.Remote;
using FermentEngine.Engine.Scoring;
using FermentEngine.Server.Registry;
using FermentEngine.Server.Wire;
using Google.Protobuf;
using WireLiveVerdict = FermentEngine.Protos.V1.LiveVerdict;
using WireRunScore = FermentEngine.Protos.V1.RunScore;

namespace FermentEngine.Server.Tests.Wire;

/// <summary>The drift test survives server mapping, the wire bytes and the CLI's conversion unchanged; an absent
/// drift test stays absent.</summary>
public sealed class ReplyMapperTests
{
    public static IEnumerable<ChannelDrift> Drifts()
    {
        yield return new ChannelDrift("Temperature(T:K)", 1.98, 3.4, 2.5e-4, 112.25);
        yield return new ChannelDrift("ph", -0.73, 1.1, 0.62, null);
    }

    [TestCaseSource(nameof(Drifts))]
    public void ToWire_RunVerdictWithDrift_ToVerdictGivesTheSameDrift(ChannelDrift drift)
    {
        var verdict = Verdict(drift);

        var wire = OverTheWire(ReplyMapper.ToWire(verdict), WireRunScore.Parser);
        var back = WireConversion.ToVerdict(wire);

        Assert.Multiple(() =>
        {
            Assert.That(wire.Drift, Is.Not.Null);
            Assert.That(wire.Drift.HasOnsetHours, Is.EqualTo(drift.OnsetHours is not null));
            Assert.That(back.Drift, Is.EqualTo(drift));
            Assert.That(back.P, Is.EqualTo(verdict.P));
            Assert.That(back.FirstAlarmHours, Is.EqualTo(verdict.FirstAlarmHours));
        });
    }

    [Test]
    public void ToWire_RunVerdictWithoutDrift_DriftStaysNull()
    {
        var wire = OverTheWire(ReplyMapper.ToWire(Verdict(null)), WireRunScore.Parser);

        Assert.That(wire.Drift, Is.Null);
        Assert.That(WireConversion.ToVerdict(wire).Drift, Is.Null);
    }

    [TestCaseSource(nameof(Drifts))]
    public void ToWire_LiveVerdictWithDrift_ToDriftGivesTheSameDrift(ChannelDrift drift)
    {
        var verdict = new LiveVerdict(40, 8.0, 0.9, 1.2, 0.004, false, drift.OnsetHours, []) { Drift = drift };

        var wire = OverTheWire(ReplyMapper.ToWire(verdict, 75), WireLiveVerdict.Parser);

        Assert.That(WireConversion.ToDrift(wire.Drift), Is.EqualTo(drift));
    }

    [Test]
    public void ToWire_LiveVerdictWithoutDrift_DriftStaysNull()
    {
        var verdict = new LiveVerdict(40, 8.0, 0.9, 1.2, 0.3, false, null, []);

        var wire = OverTheWire(ReplyMapper.ToWire(verdict, 75), WireLiveVerdict.Parser);

        Assert.That(wire.Drift, Is.Null);
        Assert.That(WireConversion.ToDrift(wire.Drift), Is.Null);
    }

    [TestCase(0), TestCase(37)]
    public void ToWire_ModelRecord_CarriesTheDriftWindow(int driftSteps)
    {
        var info = new ModelInfo(2, "test", DateTimeOffset.UnixEpoch, "abc", ["ph"], ["g1"], 5, 1, 0.5, 1, 0.01,
            driftSteps);
        var record = new ModelRecord("broth", 1, DateTimeOffset.UnixEpoch, "/tmp/v1.fmodel", 10,
            new Dictionary<string, string>(), info);

        var description = ReplyMapper.ToWire(record);

        Assert.That(description.DriftSteps, Is.EqualTo((uint)driftSteps));
    }

    private static RunVerdict Verdict(ChannelDrift? drift) =>
        new("303", RunStatus.Scored, null, 2.5, 1.7, 0.0005, true, drift?.OnsetHours ?? 90.5,
            [new ChannelContribution("ph", 0.7)], 12, null, [])
        {
            Drift = drift,
        };

    /// <summary>The message as the other side reads it: serialised to bytes and parsed again.</summary>
    private static T OverTheWire<T>(T message, MessageParser<T> parser)
        where T : IMessage<T> => parser.ParseFrom(message.ToByteArray());
}
