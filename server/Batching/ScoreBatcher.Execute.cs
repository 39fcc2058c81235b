using System.Diagnostics;
using FermentEngine.Engine.Runs;
using FermentEngine.Engine.Scoring;
using FermentEngine.Server.EngineAccess;

namespace FermentEngine.Server.Batching;

/// <summary>Running one batch through the engine and handing each call its verdicts.</summary>
internal sealed partial class ScoreBatcher
{
    private void Execute(BatchQueue queue, List<BatchItem> batch)
    {
        IReadOnlyList<Run> runs = batch.Count == 1 ? batch[0].Runs : batch.SelectMany(i => i.Runs).ToList();
        using var abandoned = new CancellationTokenSource();
        var registrations = WatchCallers(batch, abandoned);
        long start = Stopwatch.GetTimestamp();
        try
        {
            var mode = queue.Mode;
            IReadOnlyList<RunVerdict> verdicts = queue.Model.Score(runs, mode.IncludeStepErrors, mode.AsPartial,
                abandoned.Token);
            if (verdicts.Count != runs.Count)
            {
                throw new InvalidOperationException(
                    $"The engine returned {verdicts.Count} verdicts for {runs.Count} runs.");
            }

            TimeSpan elapsed = Stopwatch.GetElapsedTime(start);
            Measured(queue.Model, runs.Count, batch.Sum(i => i.Steps), elapsed);
            BatchingLog.BatchScored(logger, runs.Count, batch.Count, elapsed.TotalMilliseconds);
            Deliver(batch, verdicts);
        }
        catch (OperationCanceledException) when (abandoned.IsCancellationRequested)
        {
            BatchingLog.BatchAbandoned(logger, runs.Count);
            foreach (var item in batch)
            {
                item.Done.TrySetCanceled(item.CancellationToken);
            }
        }
        catch (Exception ex)
        {
            foreach (var item in batch)
            {
                item.Done.TrySetException(ex);
            }
        }
        finally
        {
            foreach (var registration in registrations)
            {
                registration.Dispose();
            }

            lock (_gate)
            {
                queue.InFlightRuns = 0;
                queue.InFlightSteps = 0;
            }
        }
    }

    /// <summary>Cancels <paramref name="abandoned"/> once every caller of the batch has left.</summary>
    private static CancellationTokenRegistration[] WatchCallers(
        List<BatchItem> batch, CancellationTokenSource abandoned)
    {
        int callers = batch.Count;
        var registrations = new CancellationTokenRegistration[batch.Count];
        for (int i = 0; i < batch.Count; i++)
        {
            registrations[i] = batch[i].CancellationToken.Register(() =>
            {
                if (Interlocked.Decrement(ref callers) == 0)
                {
                    abandoned.Cancel();
                }
            });
        }

        return registrations;
    }

    // A moving average of the engine's seconds per step, for this model and for any.
    private void Measured(IScoringModel model, int runs, long steps, TimeSpan elapsed)
    {
        metrics.BatchScored(runs);
        double perStep = elapsed.TotalSeconds / Math.Max(1, steps);
        lock (_gate)
        {
            var measured = _secondsPerStep.GetOrCreateValue(model);
            measured.Value = measured.Value == 0 ? perStep : (0.8 * measured.Value) + (0.2 * perStep);
            _secondsPerStepOfAny = perStep;
        }
    }

    private static void Deliver(List<BatchItem> batch, IReadOnlyList<RunVerdict> verdicts)
    {
        int offset = 0;
        foreach (var item in batch)
        {
            var mine = new RunVerdict[item.Runs.Count];
            for (int i = 0; i < mine.Length; i++)
            {
                mine[i] = verdicts[offset + i];
            }

            offset += mine.Length;
            item.Done.TrySetResult(mine);
        }
    }
}
