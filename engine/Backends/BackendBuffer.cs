namespace FermentEngine.Engine.Backends;

/// <summary>
/// Opaque handle to float32 memory owned by one <see cref="IBackend"/> (host arrays on the CPU, device memory on a
/// GPU). Only the backend that created a buffer may read or write it.
/// </summary>
/// <remarks>Not thread-safe to dispose while a backend call uses it. Disposal never throws.</remarks>
public abstract class BackendBuffer : IDisposable
{
    /// <param name="length">Usable element count (floats).</param>
    protected BackendBuffer(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Length = length;
    }

    /// <summary>Usable element count in floats; the storage behind it may be larger.</summary>
    public int Length { get; }

    /// <summary>Releases the memory (or returns it to its pool); further use is undefined.</summary>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases backend resources; overrides must not throw.</summary>
    protected virtual void Dispose(bool disposing)
    {
    }
}
