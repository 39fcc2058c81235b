using FermentEngine.Cli.Remote;
using FermentEngine.Client;
using FermentEngine.Engine.Runs;
using FermentEngine.Engine.Scoring;
using FermentEngine.Protos.V1;
using FermentEngine.Server.Batching;
using FermentEngine.Server.Diagnostics;
using FermentEngine.Server.Services;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;

namespace FermentEngine.Server.Tests.EndToEnd;

/// <summary>
/// The real engine behind the in-memory server: train on small synthetic runs, list, score, stream the faulty
/// run, delete; wire results must equal the engine's own, bit for bit.
/// </summary>
[NonParallelizable]
public sealed class EndToEndTests
{
    private const string ModelId = "e2e";
    private static readonly TimeSpan s_wait = TimeSpan.FromMinutes(2);

    private TestServerHost _host = null!;
    private List<TrainProgress> _progress = null!;
    private TrainProgress _final = null!;
    private List<Run> _good = null!;

    [OneTimeSetUp]
    public async Task TrainAsync()
    {
        _host = await TestServerHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["BatchDelay"] = "00:00:00.500",
        });
        _good = Enumerable.Range(0, 8).Select(i => SyntheticRuns.Good(i)).ToList();
        _progress = [];
        _final = await _host.Client.TrainToEndAsync(_good.Select(SyntheticRuns.ToPayload).ToList(), TinyOptions(),
            ModelId, new ListProgress(_progress), new Dictionary<string, string> { ["purpose"] = "e2e" });
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _host.DisposeAsync();

    [Test, Order(1)]
    public async Task Train_SmallRuns_ProgressThenListedModel()
    {
        var models = await _host.Client.ListModelsAsync();

        Assert.Multiple(() =>
        {
            Assert.That(_progress.Count(p => !p.Done), Is.GreaterThan(0));
            Assert.That(_progress.Where(p => !p.Done).Select(p => p.Fraction), Is.Ordered);
            Assert.That(_final.Done, Is.True);
            Assert.That(_final.Model.ModelId, Is.EqualTo(ModelId));
            Assert.That(_final.Model.Channels, Is.EqualTo(SyntheticRuns.Channels));
            Assert.That(models.Single().ModelId, Is.EqualTo(ModelId));
            Assert.That(models.Single().Metadata["purpose"], Is.EqualTo("e2e"));
            Assert.That(models.Single().Fingerprint, Is.EqualTo(_final.Model.Fingerprint).And.Not.Empty);
            Assert.That(models.Single().DriftSteps, Is.EqualTo(_final.Model.DriftSteps));
        });
        var stored = FermentModel.Load(_host.Registry.Find(ModelId, 0)!.Path);
        Assert.That((int)_final.Model.DriftSteps, Is.EqualTo(stored.Settings.DriftSteps).And.GreaterThan(0));
    }

    [Test, Order(2)]
    public async Task Score_OverTheWire_EqualsLocalEngineExactly()
    {
        var runs = _good.Take(3).Append(SyntheticRuns.Faulty()).ToList();
        var local = FermentModel.Load(_host.Registry.Find(ModelId, 0)!.Path).Score(runs, includeStepErrors: true);

        var reply = await _host.Client.ScoreAsync(ModelId, runs.Select(SyntheticRuns.ToPayload).ToList(),
            includeStepErrors: true);

        Assert.That(local.Select(v => v.Drift), Has.All.Not.Null, "the runs are longer than the drift window");
        for (int i = 0; i < runs.Count; i++)
        {
            AssertSame(reply.Runs[i], local[i]);
        }

        var faulty = reply.Runs[^1];
        TestContext.Out.WriteLine(
            string.Join("; ", reply.Runs.Select(r => $"{r.Name} {r.Score:G4} p={r.P:G3} {r.Status}")));
        Assert.That(faulty.Score, Is.GreaterThan(reply.Runs.Take(3).Max(r => r.Score)),
            "the faulty run scores above the good ones");
    }

    [Test, Order(2)]
    public async Task ScorePartial_OverTheWire_EqualsLocalPartialScoring()
    {
        var stored = FermentModel.Load(_host.Registry.Find(ModelId, 0)!.Path);
        var running = new[] { SyntheticRuns.Good(7).Prefix(100), SyntheticRuns.Faulty().Prefix(100),
            SyntheticRuns.Good(8).Prefix(stored.LagSteps) };
        var local = stored.Score(running, asPartial: true);

        var reply = await _host.Client.ScoreAsync(ModelId, running.Select(SyntheticRuns.ToPayload).ToList(),
            asPartial: true);
        var whole = await _host.Client.ScoreAsync(ModelId, running.Take(2).Select(SyntheticRuns.ToPayload).ToList());

        AssertSame(reply.Runs[0], local[0]);
        AssertSame(reply.Runs[1], local[1]);
        // Partial: compared with the reference runs over the same steps, not with whole runs.
        Assert.That(reply.Runs[0].P, Is.Not.EqualTo(whole.Runs[0].P));
        Assert.That(reply.Runs[2].Status, Is.EqualTo(Protos.V1.RunStatus.Error));
        Assert.That(reply.Runs[2].Error, Does.Contain("samples so far"));
    }

    [Test, Order(3)]
    public async Task Score_AloneAndInABatchOfOtherLengths_IdenticalVerdict()
    {
        var faulty = SyntheticRuns.Faulty();
        var alone = (await _host.Client.ScoreAsync(ModelId, [SyntheticRuns.ToPayload(faulty)])).Runs.Single();
        var batcher = _host.Services.GetRequiredService<ScoreBatcher>();
        using var lease = await _host.Services.GetRequiredService<Server.Registry.ModelCache>()
            .AcquireAsync(_host.Registry.Find(ModelId, 0)!, CancellationToken.None);
        using var sizes = new MetricRecorder(_host.Services.GetRequiredService<ServerMetrics>().Meter,
            "fermentengine.server.batch.size");

        // Queued together inside one batch delay: runs of 80, 100 and 120 steps share one engine call.
        var calls = new[] { SyntheticRuns.Good(20, 80), SyntheticRuns.Good(21, 100), faulty }
            .Select(run => batcher.ScoreAsync(lease.Model, [run], default, DateTime.MaxValue, CancellationToken.None))
            .ToList();
        var batched = await Task.WhenAll(calls).WaitAsync(s_wait);

        Assert.That(sizes.Values, Does.Contain(3.0), "the three calls were scored in one batch");
        AssertSame(alone, batched[2].Single());
    }

    [Test, Order(4)]
    public async Task StreamScore_FaultyRun_AlarmAfterTheFaultAndSameAsLocal()
    {
        var faulty = SyntheticRuns.Faulty();
        var live = FermentModel.Load(_host.Registry.Find(ModelId, 0)!.Path).StartLive(faulty.Name);
        var local = Enumerable.Range(0, faulty.StepCount)
            .Select(s => live.Push(faulty.TimeHours.Span[s], faulty.Row(s))).ToList();
        local.Add(live.Complete()!);

        var wire = new List<Protos.V1.LiveVerdict>();
        await foreach (var verdict in _host.Client.StreamScoreAsync(ModelId, faulty.Name, SyntheticRuns.Channels,
            Blocks(faulty, 16)))
        {
            wire.Add(verdict);
        }

        // One verdict per sample, then the one that judges the look-ahead at the stream's end.
        Assert.That(wire, Has.Count.EqualTo(faulty.StepCount + 1));
        Assert.That(wire.Select(v => v.Final), Is.EqualTo(Enumerable.Repeat(false, faulty.StepCount).Append(true)));
        Assert.That(wire[^1].Step, Is.EqualTo(faulty.StepCount - 1));
        Assert.That(wire[^1].Received, Is.EqualTo(faulty.StepCount));
        for (int s = 0; s < wire.Count; s++)
        {
            Assert.That((wire[s].RunningScore, wire[s].Z, wire[s].P, wire[s].Alarm),
                Is.EqualTo((local[s].RunningScore, local[s].Z, local[s].P, local[s].Alarm)), $"step {s}");
            Assert.That(WireConversion.ToDrift(wire[s].Drift), Is.EqualTo(local[s].Drift), $"step {s} drift");
        }

        Assert.That(local[^1].Drift, Is.Not.Null, "the run is longer than the drift window");

        var firstAlarm = wire.FirstOrDefault(v => v.Alarm);
        TestContext.Out.WriteLine($"first alarm at {firstAlarm?.TimeHours} h, channels "
            + string.Join(", ", firstAlarm?.TopChannels.Select(c => $"{c.Channel} {c.Share:0.00}") ?? []));
        Assert.That(firstAlarm, Is.Not.Null, "the step change raises an alarm");
        Assert.That(firstAlarm!.TimeHours, Is.GreaterThanOrEqualTo(SyntheticRuns.FaultStep * 0.2 - 1e-9));
        Assert.That(firstAlarm.TopChannels.First().Channel, Is.EqualTo("ph"));
    }

    [Test, Order(4)]
    public void StreamScore_NaNUnderTheErrorPolicy_InvalidArgumentNamingTheBlock()
    {
        var faulty = SyntheticRuns.Faulty();
        var values = faulty.Values.ToArray();
        values[20 * faulty.ChannelCount + 1] = float.NaN;
        var withGap = new Run(faulty.Name, faulty.Channels, faulty.TimeHours, values);

        var ex = Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (var _ in _host.Client.StreamScoreAsync(ModelId, withGap.Name, SyntheticRuns.Channels,
                Blocks(withGap, 16)))
            {
            }
        });

        Assert.That(ex!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(ex.Status.Detail, Does.StartWith("samples[1].values").And.Contain("not a finite number"));
    }

    [Test, Order(5)]
    public async Task Train_CallerCancels_EngineStopsAndNothingIsStored()
    {
        using var cancel = new CancellationTokenSource();
        var options = TinyOptions();
        options.MaxEpochs = 10_000;
        options.Patience = 10_000;

        var ex = Assert.CatchAsync(async () =>
        {
            await foreach (var _ in _host.Client.TrainAsync(_good.Select(SyntheticRuns.ToPayload).ToList(), options,
                "cancelled", cancellationToken: cancel.Token))
            {
                await cancel.CancelAsync();
            }
        });

        Assert.That(ex, Is.InstanceOf<OperationCanceledException>().Or.InstanceOf<RpcException>());
        var slots = _host.Services.GetRequiredService<TrainingSlots>();
        using var limit = new CancellationTokenSource(s_wait);
        while (slots.Running > 0)
        {
            await Task.Delay(20, limit.Token);
        }

        Assert.That(_host.Registry.Find("cancelled", 0), Is.Null);
    }

    [Test, Order(6)]
    public async Task DeleteModel_ThenScore_NotFound()
    {
        int deleted = await _host.Client.DeleteModelAsync(ModelId);

        var ex = Assert.ThrowsAsync<RpcException>(() =>
            _host.Client.ScoreAsync(ModelId, [SyntheticRuns.ToPayload(SyntheticRuns.Faulty())]));
        Assert.Multiple(async () =>
        {
            Assert.That(deleted, Is.EqualTo(1));
            Assert.That(ex!.StatusCode, Is.EqualTo(StatusCode.NotFound));
            Assert.That(await _host.Client.ListModelsAsync(), Is.Empty);
        });
    }

    private static TrainOptions TinyOptions()
    {
        var options = new TrainOptions
        {
            MaxEpochs = 4,
            Folds = 2,
            WindowLength = 64,
            BatchSize = 8,
            KernelSize = 3,
            AlarmPersistence = 3,
            Seed = 5,
        };
        options.Widths.Add([8, 8]);
        return options;
    }

    private static void AssertSame(RunScore wire, RunVerdict local)
    {
        Assert.Multiple(() =>
        {
            Assert.That(wire.Name, Is.EqualTo(local.Run));
            Assert.That(wire.Status == Protos.V1.RunStatus.Scored,
                Is.EqualTo(local.Status == Engine.Scoring.RunStatus.Scored));
            Assert.That(wire.Score, Is.EqualTo(local.Score), $"{local.Run} score");
            Assert.That(wire.Z, Is.EqualTo(local.Z), $"{local.Run} z");
            Assert.That(wire.P, Is.EqualTo(local.P), $"{local.Run} p");
            Assert.That(wire.Flagged, Is.EqualTo(local.Flagged));
            Assert.That(wire.HasFirstAlarmHours ? wire.FirstAlarmHours : (double?)null,
                Is.EqualTo(local.FirstAlarmHours));
            Assert.That(wire.TopChannels.Select(c => (c.Channel, c.Share)),
                Is.EqualTo(local.TopChannels.Select(c => (c.Channel, c.Share))));
            Assert.That((int)wire.PopulationSize, Is.EqualTo(local.PopulationSize));
            Assert.That(WireConversion.ToDrift(wire.Drift), Is.EqualTo(local.Drift), $"{local.Run} drift");
            if (local.StepErrors is { } steps && !wire.StepErrors.IsEmpty)
            {
                Assert.That(FermentClient.StepErrors(wire).ToArray(), Is.EqualTo(steps));
            }
        });
    }

    private static async IAsyncEnumerable<SampleBlock> Blocks(Run run, int blockSteps)
    {
        for (int start = 0; start < run.StepCount; start += blockSteps)
        {
            int steps = Math.Min(blockSteps, run.StepCount - start);
            await Task.Yield();
            yield return new SampleBlock(run.TimeHours.Slice(start, steps),
                run.Values.Slice(start * run.ChannelCount, steps * run.ChannelCount));
        }
    }

    private sealed class ListProgress(List<TrainProgress> list) : IProgress<TrainProgress>
    {
        public void Report(TrainProgress value) => list.Add(value);
    }
}
