using FermentEngine.Client;
using FermentEngine.Protos;
using FermentEngine.Protos.V1;
using FermentEngine.Server.Tests.Fakes;
using Grpc.Core;

namespace FermentEngine.Server.Tests.Services;

/// <summary>StreamScore with a fake live scorer that alarms while the model's first channel exceeds 10.</summary>
public sealed class StreamScoreTests
{
    private TestServerHost _host = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        var engine = new FakeEngine();
        _host = await TestServerHost.StartAsync(engine);
        await _host.RegisterAsync("broth", new FakeModel(engine, ["a", "b"]));
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _host.DisposeAsync();

    [Test]
    public async Task StreamScore_ChannelsInOtherOrder_ReorderedToModelAndAlarmSeen()
    {
        // Sent as [b, a]; the model reads a first, which jumps above 10 at the third sample.
        var blocks = Blocks(
            new SampleBlock(new double[] { 0.0, 0.2 }, new float[] { 0, 1, 0, 2 }),
            new SampleBlock(new double[] { 0.4, 0.6 }, new float[] { 0, 11, 0, 12 }));

        var all = await Collect(_host.Client.StreamScoreAsync("broth", "live-1", ["b", "a"], blocks));
        var verdicts = all.Where(v => !v.Final).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(all, Has.Count.EqualTo(5));
            Assert.That(all[^1].Final, Is.True);
            Assert.That(verdicts.Select(v => v.Received), Is.EqualTo(new uint[] { 1, 2, 3, 4 }));
            Assert.That(verdicts.Select(v => v.Step), Is.EqualTo(new uint[] { 0, 1, 2, 3 }));
            Assert.That(verdicts.Select(v => v.RunningScore), Is.EqualTo(new double[] { 1, 2, 11, 12 }));
            Assert.That(verdicts.Select(v => v.Alarm), Is.EqualTo(new[] { false, false, true, true }));
            Assert.That(verdicts[3].FirstAlarmHours, Is.EqualTo(0.4));
            Assert.That(verdicts[0].HasFirstAlarmHours, Is.False);
            Assert.That(verdicts[3].TopChannels.Single().Channel, Is.EqualTo("a"));
        });
    }

    [Test]
    public async Task StreamScore_DriftTest_CarriedOnceMadeWithItsOnset()
    {
        // Sent as [a, b]; the fake tests b for drift from the second sample, significant while above 10.
        var blocks = Blocks(
            new SampleBlock(new double[] { 0.0, 0.2, 0.4, 0.6 }, new float[] { 0, 5, 0, 5, 0, 12, 0, 3 }));

        var verdicts = (await Collect(_host.Client.StreamScoreAsync("broth", "live-3", ["a", "b"], blocks)))
            .Where(v => !v.Final).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(verdicts[0].Drift, Is.Null, "no drift test before a whole window");
            Assert.That(verdicts.Skip(1).Select(v => (v.Drift.Channel, v.Drift.Offset, v.Drift.HasOnsetHours)),
                Is.EqualTo(new[] { ("b", 0.5, false), ("b", 1.2, true), ("b", 0.3, false) }));
            Assert.That(verdicts[2].Drift.OnsetHours, Is.EqualTo(0.4));
            Assert.That(verdicts[2].Drift.P, Is.EqualTo(0.002));
            Assert.That(verdicts[3].FirstAlarmHours, Is.EqualTo(0.4), "the drift's onset stays the first alarm");
        });
    }

    [Test]
    public async Task StreamScore_PerBlock_OneVerdictPerBlock()
    {
        var blocks = Blocks(
            new SampleBlock(new double[] { 0.0, 0.2, 0.4 }, new float[] { 1, 0, 2, 0, 3, 0 }),
            new SampleBlock(new double[] { 0.6 }, new float[] { 4, 0 }));

        var verdicts = await Collect(
            _host.Client.StreamScoreAsync("broth", "live-2", ["a", "b"], blocks, perBlock: true));

        var expected = new[] { (2u, 3.0, false), (3u, 4.0, false), (3u, 4.0, true) };
        Assert.That(verdicts.Select(v => (v.Step, v.RunningScore, v.Final)), Is.EqualTo(expected));
    }

    [Test]
    public void StreamScore_TimeGoesBackAcrossBlocks_InvalidArgumentNamingTheBlock()
    {
        var blocks = Blocks(
            new SampleBlock(new double[] { 0.0, 0.2 }, new float[4]),
            new SampleBlock(new double[] { 0.1 }, new float[2]));

        var ex = Assert.ThrowsAsync<RpcException>(
            () => Collect(_host.Client.StreamScoreAsync("broth", "live-3", ["a", "b"], blocks)));

        Assert.That(ex!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(ex.Status.Detail, Does.StartWith("samples[1].time_hours[0]: 0.1 h does not come after 0.2 h"));
    }

    [Test]
    public void StreamScore_ChannelsNotTheModels_InvalidArgument()
    {
        var ex = Assert.ThrowsAsync<RpcException>(() => Collect(
            _host.Client.StreamScoreAsync("broth", "live-4", ["a", "z"], Blocks())));

        Assert.That(ex!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(ex.Status.Detail, Does.StartWith("start.channels: missing 'b'; not in the model: 'z'"));
    }

    [Test]
    public async Task StreamScore_SamplesBeforeStart_InvalidArgument()
    {
        using var call = _host.Raw.StreamScore();
        var tensor = new Tensor { Steps = 1, Values = WireFloats.Wrap(new float[2]) };
        tensor.TimeHours.Add(0);

        await call.RequestStream.WriteAsync(new StreamScoreRequest { Samples = tensor });
        await call.RequestStream.CompleteAsync();

        var ex = Assert.ThrowsAsync<RpcException>(async () => await call.ResponseStream.MoveNext());
        Assert.That(ex!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(ex.Status.Detail, Does.StartWith("start: missing"));
    }

    [Test]
    public void StreamScore_UnknownModel_NotFound()
    {
        var ex = Assert.ThrowsAsync<RpcException>(() => Collect(
            _host.Client.StreamScoreAsync("nobody", "live-5", ["a", "b"], Blocks())));

        Assert.That(ex!.StatusCode, Is.EqualTo(StatusCode.NotFound));
        Assert.That(ex.Status.Detail, Does.StartWith("start.model_id: no model 'nobody'"));
    }

    private static async IAsyncEnumerable<SampleBlock> Blocks(params SampleBlock[] blocks)
    {
        foreach (var block in blocks)
        {
            await Task.Yield();
            yield return block;
        }
    }

    private static async Task<List<LiveVerdict>> Collect(IAsyncEnumerable<LiveVerdict> verdicts)
    {
        var list = new List<LiveVerdict>();
        await foreach (var verdict in verdicts)
        {
            list.Add(verdict);
        }

        return list;
    }
}
