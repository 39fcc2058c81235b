using FermentEngine.Server.EngineAccess;

namespace FermentEngine.Server.Batching;

/// <summary>The waiting calls of one model (and one scoring mode), served by one worker at a time.</summary>
/// <remarks>Guarded by the owning <see cref="ScoreBatcher"/>'s lock.</remarks>
internal sealed class BatchQueue(IScoringModel model, ScoreMode mode)
{
    public IScoringModel Model { get; } = model;

    public ScoreMode Mode { get; } = mode;

    public LinkedList<BatchItem> Waiting { get; } = new();

    /// <summary>Runs in <see cref="Waiting"/>.</summary>
    public int WaitingRuns { get; set; }

    /// <summary>Runs of the batch the engine is scoring now.</summary>
    public int InFlightRuns { get; set; }

    /// <summary>Steps of the runs in <see cref="Waiting"/>.</summary>
    public long WaitingSteps { get; set; }

    /// <summary>Steps of the batch the engine is scoring now.</summary>
    public long InFlightSteps { get; set; }

    public bool WorkerRunning { get; set; }
}
