using FermentEngine.Engine;
using FermentEngine.Server.EngineAccess;
using FermentEngine.Server.Wire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FermentEngine.Server.Registry;

/// <summary>
/// Loaded models, shared by the calls that use them. Each call holds a <see cref="ModelLease"/>; a model with
/// leases is never unloaded, whether the cache is trimmed or the model is deleted, so a call that started
/// before a delete completes with the model it started with.
/// </summary>
internal sealed class ModelCache(IEngine engine, IOptions<FermentServerOptions> options, ILogger<ModelCache> logger)
{
    private readonly object _gate = new();
    private readonly Dictionary<(string Id, int Version), Entry> _entries = [];
    private long _clock;

    /// <summary>Models now held in memory, leased or not.</summary>
    public int LoadedCount
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Leases the model of <paramref name="record"/>, loading it on first use.</summary>
    /// <exception cref="Grpc.Core.RpcException">FAILED_PRECONDITION when the file cannot be read.</exception>
    public async Task<ModelLease> AcquireAsync(ModelRecord record, CancellationToken ct)
    {
        Entry entry;
        lock (_gate)
        {
            if (!_entries.TryGetValue((record.Id, record.Version), out entry!))
            {
                entry = new Entry(record, Task.Run(() => engine.Load(record.Path), CancellationToken.None));
                _entries[(record.Id, record.Version)] = entry;
            }

            entry.Leases++;
            entry.LastUsed = ++_clock;
        }

        try
        {
            IScoringModel model = await entry.Model.WaitAsync(ct);
            return new ModelLease(this, entry, model);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            RegistryLog.LoadFailed(logger, ex, record.Id, record.Version, record.Path);
            Release(entry, forget: true);
            // A damaged or foreign file says so in the engine's own words; other failures by their kind only.
            string why = ex is FermentDataException
                ? ex.Message.Replace(record.Path, Path.GetFileName(record.Path), StringComparison.Ordinal)
                : ex.GetType().Name;
            throw WireErrors.Precondition("model_id",
                $"model {record.DisplayName} is registered but its file cannot be read: {why}");
        }
        catch
        {
            Release(entry, forget: false);
            throw;
        }
    }

    /// <summary>Puts a model that is already in memory (just trained) into the cache.</summary>
    public void Add(ModelRecord record, IScoringModel model)
    {
        lock (_gate)
        {
            _entries[(record.Id, record.Version)] = new Entry(record, Task.FromResult(model)) { LastUsed = ++_clock };
            TrimLocked();
        }
    }

    /// <summary>Forgets a model so no new call finds it; calls that hold it keep it until they finish.</summary>
    public void Evict(string id, int version)
    {
        lock (_gate)
        {
            if (_entries.Remove((id, version), out var entry))
            {
                entry.Forgotten = true;
                RegistryLog.Unloaded(logger, id, version);
            }
        }
    }

    internal void Release(Entry entry, bool forget)
    {
        lock (_gate)
        {
            entry.Leases--;
            if (forget && _entries.TryGetValue((entry.Record.Id, entry.Record.Version), out var current)
                && ReferenceEquals(current, entry))
            {
                _entries.Remove((entry.Record.Id, entry.Record.Version));
            }

            TrimLocked();
        }
    }

    private void TrimLocked()
    {
        int excess = _entries.Count - options.Value.MaxLoadedModels;
        if (excess <= 0)
        {
            return;
        }

        var unused = _entries.Values.Where(e => e.Leases == 0 && e.Model.IsCompleted)
            .OrderBy(e => e.LastUsed).Take(excess).ToList();
        foreach (var entry in unused)
        {
            _entries.Remove((entry.Record.Id, entry.Record.Version));
            RegistryLog.Unloaded(logger, entry.Record.Id, entry.Record.Version);
        }
    }

    /// <summary>One cached model and the number of calls holding it.</summary>
    internal sealed class Entry(ModelRecord record, Task<IScoringModel> model)
    {
        public ModelRecord Record { get; } = record;

        public Task<IScoringModel> Model { get; } = model;

        public int Leases { get; set; }

        public long LastUsed { get; set; }

        public bool Forgotten { get; set; }
    }
}
