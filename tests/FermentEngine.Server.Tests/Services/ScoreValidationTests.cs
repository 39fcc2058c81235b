using FermentEngine.Protos;
using FermentEngine.Protos.V1;
using FermentEngine.Server.Tests.Fakes;
using Google.Protobuf;
using Grpc.Core;

namespace FermentEngine.Server.Tests.Services;

/// <summary>Each malformed Score request is refused before the engine, with its code and field path.</summary>
public sealed class ScoreValidationTests
{
    private TestServerHost _host = null!;
    private FakeEngine _engine = null!;
    private FakeModel _model = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _engine = new FakeEngine();
        _host = await TestServerHost.StartAsync(_engine, new Dictionary<string, string?>
        {
            ["MaxRunsPerRequest"] = "4",
            ["MaxStepsPerRun"] = "50",
            ["MaxMessageBytes"] = "65536",
        });
        _model = new FakeModel(_engine, WireRuns.Channels);
        await _host.RegisterLoadedAsync("broth", _model);
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _host.DisposeAsync();

    public static IEnumerable<TestCaseData> BadRequests()
    {
        yield return Case("NoRuns", r => r.Runs.Clear(), StatusCode.InvalidArgument, "runs: empty");
        yield return Case("ShortValues", r => r.Runs[1].Data.Values = ByteString.CopyFrom(new byte[44]),
            StatusCode.InvalidArgument,
            "runs[1].data.values: got 44 bytes, expected 48 (4 steps x 3 channels of float32)");
        yield return Case("TimeCount", r => r.Runs[0].Data.TimeHours.RemoveAt(3), StatusCode.InvalidArgument,
            "runs[0].data.time_hours: got 3 values, expected 4");
        yield return Case("InfValue", r => r.Runs[1] = WireRuns.WithValue(r.Runs[1], 2, 1, float.PositiveInfinity),
            StatusCode.InvalidArgument, "runs[1].data.values: step 2, channel 'b' (index 1)");
        yield return Case("NaNTime", r => r.Runs[0].Data.TimeHours[1] = double.NaN, StatusCode.InvalidArgument,
            "runs[0].data.time_hours[1]: NaN");
        yield return Case("TimeBackwards", r => r.Runs[0].Data.TimeHours[2] = 0.1, StatusCode.InvalidArgument,
            "runs[0].data.time_hours[2]: 0.1 h does not come after 0.2 h");
        yield return Case("MissingChannel", r => r.Runs[0] = WireRuns.Create("g1", channels: ["a", "b"]),
            StatusCode.InvalidArgument, "runs[0].data.channels: missing 'c'");
        yield return Case("ExtraChannel", r => r.Runs[1] = WireRuns.Create("g2", channels: ["a", "b", "c", "x"]),
            StatusCode.InvalidArgument, "runs[1].data.channels: not in the model: 'x'");
        yield return Case("DuplicateName", r => r.Runs[1].Name = "g1", StatusCode.InvalidArgument,
            "runs[1].name: 'g1' repeats runs[0].name");
        yield return Case("EmptyName", r => r.Runs[0].Name = "", StatusCode.InvalidArgument, "runs[0].name: empty");
        yield return Case("EmptyRun", r => r.Runs[0] = Empty("g1"), StatusCode.InvalidArgument,
            "runs[0].data.steps: 0");
        yield return Case("DuplicateChannel", r => r.Runs[0] = WireRuns.Create("g1", channels: ["a", "a", "c"]),
            StatusCode.InvalidArgument, "runs[0].data.channels[1]: 'a' appears twice");
        yield return Case("KindsCount", r => r.Runs[0].Data.ChannelKinds.Add(ChannelKind.Sparse),
            StatusCode.InvalidArgument, "runs[0].data.channel_kinds: got 1 kinds for 3 channels");
        yield return Case("NoTensor", r => r.Runs[0].Data = null, StatusCode.InvalidArgument, "runs[0].data: missing");
        yield return Case("TooManyRuns", r => r.Runs.Add(Enumerable.Range(3, 3).Select(i => WireRuns.Create($"g{i}"))),
            StatusCode.ResourceExhausted, "runs: 5 runs; at most 4");
        yield return Case("TooManySteps", r => r.Runs[0] = WireRuns.Create("g1", steps: 51),
            StatusCode.ResourceExhausted, "runs[0].data.steps: 51 steps; at most 50");
        yield return Case("MessageTooLarge", r => r.Runs[0] = WireRuns.Create("g1", steps: 6000),
            StatusCode.ResourceExhausted, "");
        yield return Case("UnknownModel", r => r.ModelId = "nobody", StatusCode.NotFound,
            "model_id: no model 'nobody' is registered.");
        yield return Case("UnknownVersion", r => r.Version = 7, StatusCode.NotFound,
            "version: model 'broth' has no version 7 registered.");
        yield return Case("BadModelId", r => r.ModelId = "../etc", StatusCode.InvalidArgument,
            "model_id: '../etc' is not a model id");
    }

    [TestCaseSource(nameof(BadRequests))]
    public void Score_BadRequest_RefusedWithCodeAndFieldPath(
        Action<ScoreRequest> spoil, StatusCode code, string messageStart)
    {
        var request = new ScoreRequest { ModelId = "broth" };
        request.Runs.Add([WireRuns.Create("g1"), WireRuns.Create("g2")]);
        spoil(request);
        int seenBefore = _model.Seen.Count;

        var ex = Assert.ThrowsAsync<RpcException>(async () => await _host.Raw.ScoreAsync(request));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.StatusCode, Is.EqualTo(code), ex.Status.Detail);
            Assert.That(ex.Status.Detail, Does.StartWith(messageStart));
            Assert.That(_model.Seen, Has.Count.EqualTo(seenBefore), "no run may reach the engine");
        });
    }

    [Test]
    public async Task Score_ValidRequest_ReachesEngineAndAnswersEachRun()
    {
        var request = new ScoreRequest { ModelId = "broth" };
        request.Runs.Add([WireRuns.Create("g1"), WireRuns.Create("g2", steps: 7)]);
        int seenBefore = _model.Seen.Count;

        var reply = await _host.Raw.ScoreAsync(request);

        Assert.That(_model.Seen.Skip(seenBefore).Select(r => r.StepCount), Is.EqualTo(new[] { 4, 7 }));
        Assert.That(reply.Runs.Select(r => (r.Name, r.Status)),
            Is.EqualTo(new[] { ("g1", RunStatus.Scored), ("g2", RunStatus.Scored) }));
        Assert.That(reply.Version, Is.EqualTo(1));
    }

    [Test]
    public async Task Score_NaNValue_AcceptedAsMissingCell()
    {
        var request = new ScoreRequest { ModelId = "broth" };
        request.Runs.Add(WireRuns.WithValue(WireRuns.Create("g1"), 1, 2, float.NaN));

        var reply = await _host.Raw.ScoreAsync(request);

        Assert.That(reply.Runs[0].Status, Is.EqualTo(RunStatus.Scored));
    }

    [Test]
    public async Task Score_StepErrorsAsked_ReturnedAsFloatBytes()
    {
        var request = new ScoreRequest { ModelId = "broth", IncludeStepErrors = true };
        request.Runs.Add(WireRuns.Create("g1", steps: 5));

        var reply = await _host.Raw.ScoreAsync(request);

        Assert.That(WireFloats.AsFloats(reply.Runs[0].StepErrors).ToArray(), Is.EqualTo(new float[] { 0, 1, 2, 3, 4 }));
    }

    private static TestCaseData Case(string name, Action<ScoreRequest> spoil, StatusCode code, string start) =>
        new TestCaseData(spoil, code, start).SetArgDisplayNames(name);

    private static RunData Empty(string name)
    {
        var run = new RunData { Name = name, Data = new Tensor { Steps = 0 } };
        run.Data.Channels.Add(WireRuns.Channels);
        return run;
    }
}
