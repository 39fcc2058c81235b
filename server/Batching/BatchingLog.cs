using Microsoft.Extensions.Logging;

namespace FermentEngine.Server.Batching;

/// <summary>Log messages of dynamic batching (EventIds 4000-4999).</summary>
internal static partial class BatchingLog
{
    [LoggerMessage(EventId = 4000, Level = LogLevel.Trace,
        Message = "Scored a batch of {Runs} runs from {Calls} calls in {DurationMs:0.0} ms.")]
    public static partial void BatchScored(ILogger logger, int runs, int calls, double durationMs);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information,
        Message = "Refused {Runs} runs: the queue holds {Waiting} of at most {Capacity} runs.")]
    public static partial void QueueFull(ILogger logger, int runs, int waiting, int capacity);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Debug,
        Message = "Refused {Runs} runs: {LeftMs:0.0} ms left before the deadline, about {NeededMs:0.0} ms needed.")]
    public static partial void DeadlineTooClose(
        ILogger logger, int runs, double leftMs, double neededMs);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Debug,
        Message = "A batch of {Runs} runs was abandoned: every caller left.")]
    public static partial void BatchAbandoned(ILogger logger, int runs);
}
