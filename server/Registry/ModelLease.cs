using FermentEngine.Server.EngineAccess;

namespace FermentEngine.Server.Registry;

/// <summary>A call's hold on a loaded model; dispose it when the call is done with the model.</summary>
internal sealed class ModelLease : IDisposable
{
    private readonly ModelCache _cache;
    private readonly ModelCache.Entry _entry;
    private int _disposed;

    internal ModelLease(ModelCache cache, ModelCache.Entry entry, IScoringModel model)
    {
        _cache = cache;
        _entry = entry;
        Model = model;
    }

    /// <summary>The record the model was loaded for.</summary>
    public ModelRecord Record => _entry.Record;

    /// <summary>The loaded model.</summary>
    public IScoringModel Model { get; }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _cache.Release(_entry, forget: false);
        }
    }
}
