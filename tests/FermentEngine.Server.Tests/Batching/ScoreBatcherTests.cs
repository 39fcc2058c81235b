using FermentEngine.Engine.Runs;
using FermentEngine.Engine.Scoring;
using FermentEngine.Server.Batching;
using FermentEngine.Server.Diagnostics;
using FermentEngine.Server.Tests.Fakes;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FermentEngine.Server.Tests.Batching;

public sealed class ScoreBatcherTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(20);

    private ServiceProvider _services = null!;
    private FakeEngine _engine = null!;
    private FakeModel _model = null!;

    [SetUp]
    public void SetUp()
    {
        _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        _engine = new FakeEngine { Gate = new ManualResetEventSlim(false) };
        _model = new FakeModel(_engine, ["a"]);
    }

    [TearDown]
    public void TearDown()
    {
        _engine.Gate?.Set();
        _services.Dispose();
    }

    [Test]
    public async Task ScoreAsync_CallsArriveWhileEngineBusy_CoalescedIntoOneBatch()
    {
        var (batcher, metrics) = Create(new FermentServerOptions());
        using var sizes = new MetricRecorder(metrics.Meter, "fermentengine.server.batch.size");
        var first = Score(batcher, Runs("first", 1));
        await _engine.Entered.WaitAsync(s_wait);

        var rest = Enumerable.Range(0, 10).Select(i => Score(batcher, Runs($"r{i}", 1))).ToList();
        _engine.Gate!.Set();
        await first.WaitAsync(s_wait);
        var verdicts = await Task.WhenAll(rest).WaitAsync(s_wait);

        Assert.Multiple(() =>
        {
            Assert.That(_engine.BatchSizes, Is.EqualTo(new[] { 1, 10 }));
            Assert.That(sizes.Values.Max(), Is.EqualTo(10));
            Assert.That(verdicts.Select(v => v.Single().Run),
                Is.EqualTo(Enumerable.Range(0, 10).Select(i => $"r{i}-0")));
        });
    }

    [Test]
    public async Task ScoreAsync_PartialAndWholeCallsWaitingTogether_NeverShareAnEngineCall()
    {
        var (batcher, _) = Create(new FermentServerOptions());
        var first = Score(batcher, Runs("first", 1));
        await _engine.Entered.WaitAsync(s_wait);

        var whole = Score(batcher, Runs("whole", 2));
        var partial = batcher.ScoreAsync(_model, Runs("partial", 3), new ScoreMode(false, AsPartial: true),
            DateTime.MaxValue, CancellationToken.None);
        var wholeAgain = Score(batcher, Runs("again", 1));
        _engine.Gate!.Set();
        await Task.WhenAll(first, whole, partial, wholeAgain).WaitAsync(s_wait);

        Assert.Multiple(() =>
        {
            Assert.That(_engine.BatchSizes.Order(), Is.EqualTo(new[] { 1, 3, 3 }));
            Assert.That(_model.PartialCalls.Count(p => p), Is.EqualTo(1));
            Assert.That(partial.Result.Select(v => v.Run),
                Is.EqualTo(new[] { "partial-0", "partial-1", "partial-2" }));
        });
    }

    [Test]
    public async Task ScoreAsync_RunsOfDifferentLengths_EachCallGetsItsOwnVerdicts()
    {
        var (batcher, _) = Create(new FermentServerOptions());
        var first = Score(batcher, Runs("first", 1));
        await _engine.Entered.WaitAsync(s_wait);

        var shortRun = Score(batcher, Runs("short", 2, steps: 3));
        var longRun = Score(batcher, Runs("long", 1, steps: 40));
        _engine.Gate!.Set();
        await first.WaitAsync(s_wait);

        Assert.Multiple(async () =>
        {
            Assert.That((await shortRun).Select(v => v.Run), Is.EqualTo(new[] { "short-0", "short-1" }));
            Assert.That((await longRun).Select(v => v.Run), Is.EqualTo(new[] { "long-0" }));
            Assert.That(_engine.BatchSizes, Is.EqualTo(new[] { 1, 3 }));
        });
    }

    [Test]
    public async Task ScoreAsync_QueueFull_RefusedAtOnceWithResourceExhausted()
    {
        var (batcher, _) = Create(new FermentServerOptions { MaxQueuedRuns = 4 });
        var inEngine = Score(batcher, Runs("busy", 2));
        await _engine.Entered.WaitAsync(s_wait);
        var waiting = Score(batcher, Runs("waiting", 3));

        var refused = Score(batcher, Runs("refused", 2));

        Assert.That(refused.IsFaulted, Is.True, "refused without waiting");
        var ex = Assert.ThrowsAsync<RpcException>(async () => await refused);
        Assert.That(ex!.StatusCode, Is.EqualTo(StatusCode.ResourceExhausted));
        Assert.That(ex.Status.Detail, Does.StartWith("runs: 2 runs do not fit the scoring queue (3 of 4"));
        _engine.Gate!.Set();
        await Task.WhenAll(inEngine, waiting).WaitAsync(s_wait);
    }

    [Test]
    public async Task ScoreAsync_DeadlineBeforeTurn_RefusedAtOnceWithDeadlineExceeded()
    {
        _engine.CostPerRun = TimeSpan.FromMilliseconds(20);
        var (batcher, _) = Create(new FermentServerOptions());
        _engine.Gate!.Set();
        await Score(batcher, Runs("warm", 2)).WaitAsync(s_wait);
        _engine.Gate.Reset();
        var inEngine = Score(batcher, Runs("busy", 10));
        await _engine.Entered.WaitAsync(s_wait);
        await _engine.Entered.WaitAsync(s_wait);

        var late = batcher.ScoreAsync(_model, Runs("late", 1), default, DateTime.UtcNow.AddMilliseconds(50),
            CancellationToken.None);

        Assert.That(late.IsFaulted, Is.True, "refused without waiting");
        var ex = Assert.ThrowsAsync<RpcException>(async () => await late);
        Assert.That(ex!.StatusCode, Is.EqualTo(StatusCode.DeadlineExceeded));
        Assert.That(ex.Status.Detail, Does.StartWith("deadline: "));
        _engine.Gate.Set();
        await inEngine.WaitAsync(s_wait);
        Assert.That(_engine.BatchSizes, Is.EqualTo(new[] { 2, 10 }), "the late call never reached the engine");
    }

    [Test]
    public async Task ScoreAsync_DeadlineEstimate_CountsStepsAheadNotRuns()
    {
        // Each step costs at least 0.1 ms; the estimate learns that from a 200-step run.
        _engine.CostPerStep = TimeSpan.FromMilliseconds(0.1);
        var (batcher, _) = Create(new FermentServerOptions());
        _engine.Gate!.Set();
        await Score(batcher, Runs("warm", 1, steps: 200)).WaitAsync(s_wait);
        _engine.Gate.Reset();
        var inEngine = Score(batcher, Runs("busy", 1, steps: 20));
        await _engine.Entered.WaitAsync(s_wait);
        await _engine.Entered.WaitAsync(s_wait);

        // A 1 s deadline: a 2-step run's turn is milliseconds away, a 20,000-step run needs at least 2 s. Counted
        // in runs (one run ahead, one run each), both would look alike.
        var deadline = DateTime.UtcNow.AddSeconds(1);
        var shortRun = batcher.ScoreAsync(_model, Runs("short", 1, steps: 2), default, deadline,
            CancellationToken.None);
        var longRun = batcher.ScoreAsync(_model, Runs("long", 1, steps: 20_000), default, deadline,
            CancellationToken.None);

        Assert.That(shortRun.IsFaulted, Is.False, "a 2-step run fits");
        Assert.That(longRun.IsFaulted, Is.True, "20,000 steps do not");
        _engine.Gate.Set();
        await Task.WhenAll(inEngine, shortRun).WaitAsync(s_wait);
    }

    [Test]
    public async Task ScoreAsync_CallerCancelsWhileQueued_LeavesTheQueue()
    {
        var (batcher, _) = Create(new FermentServerOptions());
        var inEngine = Score(batcher, Runs("busy", 1));
        await _engine.Entered.WaitAsync(s_wait);
        using var cancel = new CancellationTokenSource();
        var leaving = batcher.ScoreAsync(_model, Runs("leaving", 3), default, DateTime.MaxValue, cancel.Token);
        Assert.That(batcher.WaitingRuns, Is.EqualTo(3));

        await cancel.CancelAsync();

        Assert.That(batcher.WaitingRuns, Is.Zero);
        Assert.CatchAsync<OperationCanceledException>(async () => await leaving.WaitAsync(s_wait));
        Assert.That(leaving.IsCanceled, Is.True);
        _engine.Gate!.Set();
        await inEngine.WaitAsync(s_wait);
        Assert.That(_engine.BatchSizes, Is.EqualTo(new[] { 1 }));
    }

    [Test]
    public async Task ScoreAsync_OnlyCallerLeavesDuringEngineCall_EngineCallCancelled()
    {
        var (batcher, _) = Create(new FermentServerOptions());
        using var first = new CancellationTokenSource();
        using var second = new CancellationTokenSource();
        var a = batcher.ScoreAsync(_model, Runs("a", 1), default, DateTime.MaxValue, first.Token);
        await _engine.Entered.WaitAsync(s_wait);
        await first.CancelAsync();

        await WaitUntilAsync(() => _engine.CancelledInEngine == 1);

        Assert.CatchAsync<OperationCanceledException>(async () => await a.WaitAsync(s_wait));
        var b = batcher.ScoreAsync(_model, Runs("b", 1), default, DateTime.MaxValue, second.Token);
        _engine.Gate!.Set();
        Assert.That((await b.WaitAsync(s_wait)).Single().Run, Is.EqualTo("b-0"), "the model still serves others");
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var limit = new CancellationTokenSource(s_wait);
        while (!condition())
        {
            await Task.Delay(10, limit.Token);
        }
    }

    private (ScoreBatcher Batcher, ServerMetrics Metrics) Create(FermentServerOptions options)
    {
        var metrics = new ServerMetrics(_services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
        return (new ScoreBatcher(Options.Create(options), metrics, NullLogger<ScoreBatcher>.Instance), metrics);
    }

    private Task<IReadOnlyList<RunVerdict>> Score(ScoreBatcher batcher, IReadOnlyList<Run> runs) =>
        batcher.ScoreAsync(_model, runs, default, DateTime.MaxValue, CancellationToken.None);

    private static Run[] Runs(string prefix, int count, int steps = 2) =>
        Enumerable.Range(0, count).Select(i => new Run($"{prefix}-{i}", [new ChannelInfo("a")],
            Enumerable.Range(0, steps).Select(s => (double)s).ToArray(), new float[steps])).ToArray();
}
