using FermentEngine.Engine.Runs;
using FermentEngine.Engine.Scoring;

namespace FermentEngine.Server.Batching;

/// <summary>One Score call's runs waiting in, or taken from, a <see cref="BatchQueue"/>.</summary>
internal sealed class BatchItem(BatchQueue queue, IReadOnlyList<Run> runs, CancellationToken cancellationToken)
{
    public BatchQueue Queue { get; } = queue;

    public IReadOnlyList<Run> Runs { get; } = runs;

    /// <summary>Steps over all its runs: what its engine time grows with.</summary>
    public long Steps { get; } = runs.Sum(r => (long)r.StepCount);

    public CancellationToken CancellationToken { get; } = cancellationToken;

    public TaskCompletionSource<IReadOnlyList<RunVerdict>> Done { get; } =
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Its place in the queue while it waits; null once taken or withdrawn.</summary>
    public LinkedListNode<BatchItem>? Node { get; set; }
}
