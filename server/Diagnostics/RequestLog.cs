using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace FermentEngine.Server.Diagnostics;

/// <summary>One line per call (EventIds 1000-1999). Sensor values are never logged.</summary>
internal static partial class RequestLog
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information,
        Message = "{Method} model {Model} with {Runs} runs finished {Outcome} in {DurationMs:0.0} ms.")]
    public static partial void Finished(
        ILogger logger, string method, string model, int runs, StatusCode outcome, double durationMs);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information,
        Message = "{Method} model {Model} with {Runs} runs refused {Outcome} in {DurationMs:0.0} ms: {Detail}")]
    public static partial void Refused(
        ILogger logger, string method, string model, int runs, StatusCode outcome, double durationMs, string detail);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Debug,
        Message = "{Method} model {Model} ended by the caller ({Outcome}) after {DurationMs:0.0} ms.")]
    public static partial void Abandoned(
        ILogger logger, string method, string model, StatusCode outcome, double durationMs);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Error,
        Message = "{Method} model {Model} failed with an unexpected error after {DurationMs:0.0} ms.")]
    public static partial void Failed(
        ILogger logger, Exception exception, string method, string model, double durationMs);
}
