using Microsoft.Extensions.Logging;

namespace FermentEngine.Server.Registry;

/// <summary>Log messages of the model registry and cache (EventIds 3000-3999).</summary>
internal static partial class RegistryLog
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Information,
        Message = "Registry opened at '{Path}' with {Count} model versions.")]
    public static partial void Opened(ILogger logger, string path, int count);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information,
        Message = "Model '{ModelId}' v{Version} registered ({FileBytes} bytes).")]
    public static partial void Registered(ILogger logger, string modelId, int version, long fileBytes);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning,
        Message = "Model '{ModelId}' v{Version} could not be saved; no version was registered.")]
    public static partial void SaveFailed(ILogger logger, Exception exception, string modelId, int version);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information,
        Message = "Model '{ModelId}' v{Version} deleted.")]
    public static partial void Deleted(ILogger logger, string modelId, int version);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning,
        Message = "Model file '{Path}' could not be removed after its row was deleted.")]
    public static partial void FileNotRemoved(ILogger logger, Exception exception, string path);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Debug,
        Message = "Model '{ModelId}' v{Version} loaded into the cache.")]
    public static partial void Loaded(ILogger logger, string modelId, int version);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Warning,
        Message = "Model '{ModelId}' v{Version} could not be loaded from '{Path}'.")]
    public static partial void LoadFailed(
        ILogger logger, Exception exception, string modelId, int version, string path);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Debug,
        Message = "Model '{ModelId}' v{Version} unloaded from the cache.")]
    public static partial void Unloaded(ILogger logger, string modelId, int version);

    [LoggerMessage(EventId = 3008, Level = LogLevel.Warning,
        Message = "Removed '{Path}': no registry row names it (left by a save or delete that did not finish).")]
    public static partial void UnregisteredRemoved(ILogger logger, string path);
}
