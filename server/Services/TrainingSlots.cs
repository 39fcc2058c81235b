using FermentEngine.Server.Wire;
using Microsoft.Extensions.Options;

namespace FermentEngine.Server.Services;

/// <summary>Limits how many training jobs run at once; a call beyond the limit is refused, not queued.</summary>
internal sealed class TrainingSlots(IOptions<FermentServerOptions> options)
{
    private int _running;

    /// <summary>Training jobs running now.</summary>
    public int Running => Volatile.Read(ref _running);

    /// <summary>Takes a slot; RESOURCE_EXHAUSTED when none is free. Dispose the result to give it back.</summary>
    public IDisposable Take()
    {
        int max = options.Value.MaxConcurrentTrainings;
        if (Interlocked.Increment(ref _running) > max)
        {
            Interlocked.Decrement(ref _running);
            throw WireErrors.Exhausted("training",
                $"{max} training job(s) already running, the most allowed at once; retry when one ends.");
        }

        return new Slot(this);
    }

    private sealed class Slot(TrainingSlots owner) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                Interlocked.Decrement(ref owner._running);
            }
        }
    }
}
