using Microsoft.Extensions.Logging;

namespace FermentEngine.Server.Services;

/// <summary>Log messages of training and live scoring (EventIds 2000-2999).</summary>
internal static partial class TrainingLog
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Information,
        Message = "Model '{ModelId}' v{Version} trained on {Runs} runs ({Excluded} left out).")]
    public static partial void Trained(ILogger logger, string modelId, int version, int runs, int excluded);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Debug,
        Message = "Live run '{Run}' on model {Model} ended after {Steps} samples; first alarm at {FirstAlarmHours} h.")]
    public static partial void StreamEnded(
        ILogger logger, string run, string model, int steps, double? firstAlarmHours);
}
