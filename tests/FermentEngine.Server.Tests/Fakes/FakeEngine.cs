using System.Collections.Concurrent;
using FermentEngine.Engine.Runs;
using FermentEngine.Engine.Training;
using FermentEngine.Server.EngineAccess;

namespace FermentEngine.Server.Tests.Fakes;

/// <summary>An engine with simple, exact arithmetic and hooks to hold, slow down or break its calls.</summary>
internal sealed class FakeEngine : IEngine
{
    /// <summary>Runs per Score call, in call order.</summary>
    public ConcurrentQueue<int> BatchSizes { get; } = new();

    /// <summary>When set, every Score call waits for it before scoring.</summary>
    public ManualResetEventSlim? Gate { get; set; }

    /// <summary>Set when a Score call has entered the engine (before the gate).</summary>
    public SemaphoreSlim Entered { get; } = new(0);

    /// <summary>Time each run costs in Score.</summary>
    public TimeSpan CostPerRun { get; set; }

    /// <summary>Time each step costs in Score, on top of <see cref="CostPerRun"/>.</summary>
    public TimeSpan CostPerStep { get; set; }

    /// <summary>When true, saving writes half a file and then fails.</summary>
    public bool FailSave { get; set; }

    /// <summary>Training runs Train reports as kept out of the reference population.</summary>
    public IReadOnlyList<ExcludedRun> ReferenceOutliers { get; set; } = [];

    /// <summary>Completes when a Train call has stopped, with true when it stopped by cancellation.</summary>
    public TaskCompletionSource<bool> TrainStopped { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IScoringModel Load(string path)
    {
        string[] lines = File.ReadAllLines(path);
        if (lines.Length != 2 || lines[0] != FakeModel.Header)
        {
            // As the engine does: a file that is not a model is refused as bad data, naming the file.
            throw new Engine.FermentDataException($"Model file '{path}' is not a model file.", path);
        }

        return new FakeModel(this, lines[1].Split(','));
    }

    public (IScoringModel Model, TrainingReport Report) Train(
        RunSet runs,
        TrainingOptions options,
        IProgress<TrainingProgress>? progress,
        CancellationToken cancellationToken)
    {
        try
        {
            for (int epoch = 1; epoch <= options.MaxEpochs; epoch++)
            {
                cancellationToken.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(20));
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Report(new TrainingProgress("final", epoch, options.MaxEpochs, 1.0 / epoch, 2.0 / epoch,
                    (double)epoch / options.MaxEpochs, TimeSpan.FromSeconds(epoch), TimeSpan.FromSeconds(1)));
            }
        }
        catch (OperationCanceledException)
        {
            TrainStopped.TrySetResult(true);
            throw;
        }

        TrainStopped.TrySetResult(false);
        var model = new FakeModel(this, runs.Channels.Select(c => c.Name).ToList());
        var report = new TrainingReport(runs.Runs.Select(r => r.Name).ToList(), [new ExcludedRun("none", "test")],
            ReferenceOutliers, [], [], runs.Runs.Sum(r => r.StepCount), 0, options.MaxEpochs, 0.1, 0.2);
        return (model, report);
    }

    /// <summary>Score calls that were cancelled while they waited at the gate.</summary>
    public int CancelledInEngine => Volatile.Read(ref _cancelledInEngine);

    private int _cancelledInEngine;

    internal void OnScore(int runs, CancellationToken cancellationToken, long steps = 0)
    {
        BatchSizes.Enqueue(runs);
        Entered.Release();
        try
        {
            Gate?.Wait(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            Interlocked.Increment(ref _cancelledInEngine);
            throw;
        }

        TimeSpan cost = (CostPerRun * runs) + (CostPerStep * steps);
        if (cost > TimeSpan.Zero)
        {
            Thread.Sleep(cost);
        }
    }
}
