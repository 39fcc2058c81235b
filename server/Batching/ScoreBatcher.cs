using System.Runtime.CompilerServices;
using Grpc.Core;
using FermentEngine.Engine.Runs;
using FermentEngine.Engine.Scoring;
using FermentEngine.Server.Diagnostics;
using FermentEngine.Server.EngineAccess;
using FermentEngine.Server.Wire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FermentEngine.Server.Batching;

/// <summary>
/// Coalesces concurrent Score calls for the same model into one engine call. The first call of a batch waits
/// <see cref="FermentServerOptions.BatchDelay"/> for others; a batch takes whole calls up to
/// <see cref="FermentServerOptions.MaxBatchRuns"/> runs. Runs of any length share a batch unpadded: the engine
/// scores each run alone, so a run's verdict does not depend on its batch.
/// </summary>
/// <remarks>
/// A call is refused at once, rather than left to wait, when its runs would overflow the queue
/// (RESOURCE_EXHAUSTED) or when its deadline is closer than its expected turn (DEADLINE_EXCEEDED). A caller
/// that leaves is taken out of the queue; a batch whose callers all left is cancelled in the engine.
/// </remarks>
internal sealed partial class ScoreBatcher(
    IOptions<FermentServerOptions> options, ServerMetrics metrics, ILogger<ScoreBatcher> logger)
{
    private readonly object _gate = new();
    private readonly Dictionary<(IScoringModel Model, ScoreMode Mode), BatchQueue> _queues = [];
    private int _waitingRuns;

    // Measured engine seconds per step: per model (its size and channels set its cost), and the latest of any
    // model for one not measured yet.
    private readonly ConditionalWeakTable<IScoringModel, StrongBox<double>>
        _secondsPerStep = [];
    private double _secondsPerStepOfAny;

    /// <summary>Runs waiting over all models.</summary>
    public int WaitingRuns
    {
        get
        {
            lock (_gate)
            {
                return _waitingRuns;
            }
        }
    }

    /// <summary>Scores <paramref name="runs"/> in the next batch of <paramref name="model"/>.</summary>
    /// <param name="deadlineUtc">The call's deadline; <see cref="DateTime.MaxValue"/> for none.</param>
    /// <remarks>A refusal (full queue, deadline too close) comes back as an already faulted task.</remarks>
    public async Task<IReadOnlyList<RunVerdict>> ScoreAsync(
        IScoringModel model,
        IReadOnlyList<Run> runs,
        ScoreMode mode,
        DateTime deadlineUtc,
        CancellationToken ct)
    {
        BatchItem item = Enqueue(model, runs, mode, deadlineUtc, ct);

        // A caller that leaves while waiting frees its places at once.
        using var registration = ct.Register(static state =>
        {
            var (batcher, waiting) = ((ScoreBatcher, BatchItem))state!;
            batcher.Withdraw(waiting);
        }, (this, item));
        return await item.Done.Task;
    }

    private BatchItem Enqueue(IScoringModel model, IReadOnlyList<Run> runs, ScoreMode mode,
        DateTime deadlineUtc, CancellationToken ct)
    {
        FermentServerOptions settings = options.Value;
        lock (_gate)
        {
            if (_waitingRuns + runs.Count > settings.MaxQueuedRuns)
            {
                metrics.Rejected("queue_full");
                BatchingLog.QueueFull(logger, runs.Count, _waitingRuns, settings.MaxQueuedRuns);
                throw WireErrors.Exhausted("runs",
                    $"{runs.Count} runs do not fit the scoring queue ({_waitingRuns} of {settings.MaxQueuedRuns} "
                    + "places taken); retry later.");
            }

            var key = (model, mode);
            if (!_queues.TryGetValue(key, out var queue))
            {
                queue = new BatchQueue(model, mode);
                _queues[key] = queue;
            }

            if (TooLate(queue, runs, deadlineUtc, settings) is { } late)
            {
                if (!queue.WorkerRunning)
                {
                    _queues.Remove(key);
                }

                throw late;
            }

            var item = new BatchItem(queue, runs, ct);
            item.Node = queue.Waiting.AddLast(item);
            queue.WaitingRuns += runs.Count;
            queue.WaitingSteps += item.Steps;
            _waitingRuns += runs.Count;
            metrics.QueueChanged(runs.Count);
            if (!queue.WorkerRunning)
            {
                queue.WorkerRunning = true;
                _ = Task.Run(() => RunWorkerAsync(queue), CancellationToken.None);
            }

            return item;
        }
    }

    private RpcException? TooLate(
        BatchQueue queue, IReadOnlyList<Run> call, DateTime deadlineUtc, FermentServerOptions settings)
    {
        if (deadlineUtc == DateTime.MaxValue)
        {
            return null;
        }

        // Expected turn: the wait for company, then every step ahead (the batch in the engine included) and the
        // call's own, at this model's measured cost per step.
        int runs = call.Count;
        long steps = call.Sum(r => (long)r.StepCount);
        double perStep = _secondsPerStep.TryGetValue(queue.Model, out var measured)
            ? measured.Value
            : _secondsPerStepOfAny;
        double neededSeconds = settings.BatchDelay.TotalSeconds
            + ((queue.WaitingSteps + queue.InFlightSteps + steps) * perStep);
        double leftSeconds = (deadlineUtc - DateTime.UtcNow).TotalSeconds;
        if (leftSeconds >= neededSeconds)
        {
            return null;
        }

        metrics.Rejected("deadline");
        BatchingLog.DeadlineTooClose(logger, runs, leftSeconds * 1000, neededSeconds * 1000);
        return WireErrors.Deadline("deadline",
            $"{Math.Max(0, leftSeconds * 1000):0.#} ms left, but the queue needs about {neededSeconds * 1000:0.#} ms "
            + $"for {runs} runs ({queue.WaitingRuns + queue.InFlightRuns} ahead); retry with a longer deadline.");
    }

    private void Withdraw(BatchItem item)
    {
        lock (_gate)
        {
            if (item.Node is { } node)
            {
                item.Queue.Waiting.Remove(node);
                item.Node = null;
                item.Queue.WaitingRuns -= item.Runs.Count;
                item.Queue.WaitingSteps -= item.Steps;
                _waitingRuns -= item.Runs.Count;
                metrics.QueueChanged(-item.Runs.Count);
            }
        }

        item.Done.TrySetCanceled(item.CancellationToken);
    }

    // TODO(#4): one engine call at a time per model; a second worker per model would use idle cores when a
    // single model takes all the traffic.
    private async Task RunWorkerAsync(BatchQueue queue)
    {
        FermentServerOptions settings = options.Value;
        bool full;
        lock (_gate)
        {
            full = queue.WaitingRuns >= settings.MaxBatchRuns;
        }

        // BatchDelay defaults to 0: calls coalesce anyway while the engine is busy with the previous batch, and a
        // lone caller would pay the wait on every call. A delay only pays where a batch amortises a fixed per-call
        // cost, such as a GPU launch (perf/results/dev-2core: ScoreThroughputBench).
        if (!full && settings.BatchDelay > TimeSpan.Zero)
        {
            await Task.Delay(settings.BatchDelay);
        }

        // Calls that arrive while a batch is in the engine form the next batch without a further wait.
        while (TakeBatch(queue, settings.MaxBatchRuns) is { Count: > 0 } batch)
        {
            Execute(queue, batch);
        }
    }

    private List<BatchItem> TakeBatch(BatchQueue queue, int maxRuns)
    {
        lock (_gate)
        {
            var batch = new List<BatchItem>();
            int runs = 0;
            long steps = 0;
            while (queue.Waiting.First is { } node && (batch.Count == 0 || runs + node.Value.Runs.Count <= maxRuns))
            {
                queue.Waiting.RemoveFirst();
                node.Value.Node = null;
                batch.Add(node.Value);
                runs += node.Value.Runs.Count;
                steps += node.Value.Steps;
            }

            queue.WaitingRuns -= runs;
            queue.WaitingSteps -= steps;
            queue.InFlightSteps = steps;
            _waitingRuns -= runs;
            metrics.QueueChanged(-runs);
            queue.InFlightRuns = runs;
            if (batch.Count == 0)
            {
                queue.WorkerRunning = false;
                _queues.Remove((queue.Model, queue.Mode));
            }

            return batch;
        }
    }
}
