using FermentEngine.Client;
using FermentEngine.Protos.V1;
using FermentEngine.Server.Diagnostics;
using FermentEngine.Server.Services;
using FermentEngine.Server.Tests.Fakes;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace FermentEngine.Server.Tests.Services;

/// <summary>The service over the wire with a fake engine: models, deletes under use, training, streams.</summary>
public sealed class ServiceTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(20);

    private TestServerHost _host = null!;
    private FakeEngine _engine = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        _engine = new FakeEngine();
        _host = await TestServerHost.StartAsync(_engine);
    }

    [TearDown]
    public async Task TearDownAsync()
    {
        _engine.Gate?.Set();
        await _host.DisposeAsync();
    }

    [Test]
    public async Task DeleteModel_WhileScoreRuns_ScoreCompletesAndModelIsGone()
    {
        var record = await _host.RegisterAsync("broth", new FakeModel(_engine, WireRuns.Channels));
        _engine.Gate = new ManualResetEventSlim(false);
        var scoring = _host.Client.ScoreAsync("broth", [Payload("g1")]);
        await _engine.Entered.WaitAsync(s_wait);

        int deleted = await _host.Client.DeleteModelAsync("broth");
        _engine.Gate.Set();
        var reply = await scoring.WaitAsync(s_wait);

        Assert.Multiple(() =>
        {
            Assert.That(deleted, Is.EqualTo(1));
            Assert.That(reply.Runs.Single().Status, Is.EqualTo(RunStatus.Scored));
            Assert.That(File.Exists(record.Path), Is.False);
            var ex = Assert.ThrowsAsync<RpcException>(() => _host.Client.GetModelAsync("broth"));
            Assert.That(ex!.StatusCode, Is.EqualTo(StatusCode.NotFound));
        });
    }

    [Test]
    public async Task Score_ModelFileUnreadable_FailedPrecondition()
    {
        var record = await _host.RegisterAsync("broth", new FakeModel(_engine, WireRuns.Channels));
        await File.WriteAllTextAsync(record.Path, "not a model");

        var ex = Assert.ThrowsAsync<RpcException>(() => _host.Client.ScoreAsync("broth", [Payload("g1")]));

        Assert.That(ex!.StatusCode, Is.EqualTo(StatusCode.FailedPrecondition));
        Assert.That(ex.Status.Detail, Does.StartWith("model_id: model 'broth' v1 is registered but its file"));
        // The engine's reason travels, naming the file but not the server's folders.
        Assert.That(ex.Status.Detail, Does.Contain("Model file 'v1.fmodel' is not a model file."));
        Assert.That(ex.Status.Detail, Does.Not.Contain(_host.DataFolder));
    }

    [Test]
    public async Task Score_ConcurrentCalls_BatchSizeMetricAboveOne()
    {
        await _host.RegisterAsync("broth", new FakeModel(_engine, WireRuns.Channels));
        var metrics = _host.Services.GetRequiredService<ServerMetrics>();
        using var sizes = new MetricRecorder(metrics.Meter, "fermentengine.server.batch.size");
        _engine.Gate = new ManualResetEventSlim(false);
        var first = _host.Client.ScoreAsync("broth", [Payload("first")]);
        await _engine.Entered.WaitAsync(s_wait);
        var rest = Enumerable.Range(0, 16).Select(i => _host.Client.ScoreAsync("broth", [Payload($"g{i}")])).ToList();
        await WaitUntilAsync(() => _host.Services.GetRequiredService<Server.Batching.ScoreBatcher>().WaitingRuns == 16);

        _engine.Gate.Set();
        await first.WaitAsync(s_wait);
        var replies = await Task.WhenAll(rest).WaitAsync(s_wait);

        Assert.Multiple(() =>
        {
            Assert.That(sizes.Values.Max(), Is.EqualTo(16));
            Assert.That(replies.Select(r => r.Runs.Single().Name),
                Is.EqualTo(Enumerable.Range(0, 16).Select(i => $"g{i}")));
        });
    }

    [Test]
    public async Task Score_DeadlineCloserThanItsTurn_ServerAnswersDeadlineExceededAtOnce()
    {
        await _host.RegisterLoadedAsync("broth", new FakeModel(_engine, WireRuns.Channels));
        _engine.CostPerRun = TimeSpan.FromMilliseconds(20);
        await _host.Client.ScoreAsync("broth", [Payload("warm-1"), Payload("warm-2")]);
        _engine.Gate = new ManualResetEventSlim(false);
        var busy = _host.Client.ScoreAsync("broth", Enumerable.Range(0, 100).Select(i => Payload($"b{i}")).ToList());
        await _engine.Entered.WaitAsync(s_wait);
        await _engine.Entered.WaitAsync(s_wait);
        var options = new FermentClientOptions
        {
            ScoreTimeout = TimeSpan.FromSeconds(1),
            HttpHandler = _host.App.GetTestServer().CreateHandler(),
        };
        using var hurried = new FermentClient(new Uri("http://localhost"), options);

        // Awaited, not blocked on: a blocked test thread would slow the server's thread pool.
        RpcException? ex = null;
        try
        {
            await hurried.ScoreAsync("broth", [Payload("late")]);
        }
        catch (RpcException caught)
        {
            ex = caught;
        }

        Assert.That(ex?.StatusCode, Is.EqualTo(StatusCode.DeadlineExceeded));
        Assert.That(ex!.Status.Detail, Does.StartWith("deadline: "), "refused by the server, not timed out");
        _engine.Gate.Set();
        await busy.WaitAsync(s_wait);
        Assert.That(_engine.BatchSizes, Is.EqualTo(new[] { 2, 100 }));
    }

    [Test]
    public async Task Train_CallerCancels_TrainingStopsAndNothingIsRegistered()
    {
        using var cancel = new CancellationTokenSource();
        var options = new TrainOptions { MaxEpochs = 100_000 };
        int seen = 0;

        var ex = Assert.CatchAsync(async () =>
        {
            await foreach (var progress in _host.Client.TrainAsync([Payload("g1"), Payload("g2")], options, "job",
                cancellationToken: cancel.Token))
            {
                if (++seen == 2)
                {
                    await cancel.CancelAsync();
                }
            }
        });

        Assert.That(ex, Is.InstanceOf<OperationCanceledException>().Or.InstanceOf<RpcException>());
        Assert.That(await _engine.TrainStopped.Task.WaitAsync(s_wait), Is.True, "stopped by the token");
        await WaitUntilAsync(() => _host.Services.GetRequiredService<TrainingSlots>().Running == 0);
        Assert.That(_host.Registry.Find("job", 0), Is.Null);
    }

    [Test]
    public async Task Train_ToEnd_ProgressThenRegisteredModel()
    {
        var progress = new List<TrainProgress>();
        var options = new TrainOptions { MaxEpochs = 3 };

        var final = await _host.Client.TrainToEndAsync([Payload("g1"), Payload("g2")], options, "broth",
            new SyncProgress(progress.Add), new Dictionary<string, string> { ["by"] = "test" });

        Assert.Multiple(() =>
        {
            Assert.That(progress.Where(p => !p.Done).Select(p => p.Epoch), Is.EqualTo(new uint[] { 1, 2, 3 }));
            Assert.That(final.Model.ModelId, Is.EqualTo("broth"));
            Assert.That(final.Model.Version, Is.EqualTo(1));
            Assert.That(final.Model.Metadata["by"], Is.EqualTo("test"));
            Assert.That(final.Excluded.Single().Reason, Is.EqualTo("test"));
        });
        var listed = await _host.Client.ListModelsAsync();
        Assert.That(listed.Select(m => (m.ModelId, m.Version)), Is.EqualTo(new[] { ("broth", 1u) }));
    }

    [Test]
    public void Train_RunsWithDifferentChannels_InvalidArgumentWithFieldPath()
    {
        var odd = new RunPayload("g2", ["a", "c", "b"], new double[] { 0, 1 }, new float[6]);

        var ex = Assert.ThrowsAsync<RpcException>(() => _host.Client.TrainToEndAsync([Payload("g1"), odd]));

        Assert.That(ex!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(ex.Status.Detail, Does.StartWith("runs[1].data.channels: [a, c, b] differ from runs[0]"));
    }

    [Test]
    public void Train_NaNInNamedChannelWhileMissingRefused_InvalidArgumentNamingStepAndChannel()
    {
        var values = new float[] { 1, 2, 3, 4, float.NaN, 6 };
        var gappy = new RunPayload("g2", WireRuns.Channels, new double[] { 0, 1 }, values);
        var options = new TrainOptions { MaxEpochs = 1, Channels = { "a", "b" } };

        var ex = Assert.ThrowsAsync<RpcException>(
            () => _host.Client.TrainToEndAsync([Payload("g1", 2), gappy], options));

        Assert.That(ex!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(ex.Status.Detail, Does.StartWith("runs[1].data.values: step 1, channel 'b' (index 1): NaN;"));
    }

    [Test]
    public async Task Train_NaNInChannelNotNamed_LeftToTheEngine()
    {
        var values = new float[] { 1, 2, float.NaN, 4, 5, float.NaN };
        var sparse = new RunPayload("g2", WireRuns.Channels, new double[] { 0, 1 }, values);
        var options = new TrainOptions { MaxEpochs = 1, Channels = { "a", "b" } };

        var final = await _host.Client.TrainToEndAsync([Payload("g1", 2), sparse], options);

        Assert.That(final.Model.Version, Is.EqualTo(1));
    }

    [Test]
    public async Task Train_SecondJobWhileOneRuns_ResourceExhausted()
    {
        using var cancel = new CancellationTokenSource();
        var running = _host.Client.TrainAsync([Payload("g1")], new TrainOptions { MaxEpochs = 100_000 },
            cancellationToken: cancel.Token).GetAsyncEnumerator(cancel.Token);
        Assert.That(await running.MoveNextAsync(), Is.True);

        var ex = Assert.ThrowsAsync<RpcException>(() => _host.Client.TrainToEndAsync([Payload("g1")]));

        Assert.That(ex!.StatusCode, Is.EqualTo(StatusCode.ResourceExhausted));
        Assert.That(ex.Status.Detail, Does.StartWith("training: 1 training job(s) already running"));
        await cancel.CancelAsync();
        await running.DisposeAsync();
    }

    [Test]
    public async Task Health_Check_Serving()
    {
        using var channel = GrpcChannel.ForAddress("http://localhost",
            new GrpcChannelOptions { HttpHandler = _host.App.GetTestServer().CreateHandler() });

        var reply = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest());

        Assert.That(reply.Status, Is.EqualTo(HealthCheckResponse.Types.ServingStatus.Serving));
    }

    [Test]
    public async Task Metrics_AfterACall_PrometheusTextNamesRequests()
    {
        await _host.Client.ListModelsAsync();
        using var http = _host.App.GetTestServer().CreateClient();

        string text = await http.GetStringAsync("/metrics");

        Assert.That(text, Does.Contain("fermentengine_server_requests"));
    }

    internal static RunPayload Payload(string name, int steps = 4)
    {
        var values = new float[steps * WireRuns.Channels.Length];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = i % 7;
        }

        var times = Enumerable.Range(0, steps).Select(s => s * 0.2).ToArray();
        return new RunPayload(name, WireRuns.Channels, times, values);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var limit = new CancellationTokenSource(s_wait);
        while (!condition())
        {
            await Task.Delay(10, limit.Token);
        }
    }

    private sealed class SyncProgress(Action<TrainProgress> report) : IProgress<TrainProgress>
    {
        public void Report(TrainProgress value) => report(value);
    }
}
