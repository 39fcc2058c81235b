namespace FermentEngine.Engine.Backends.Cpu;

/// <summary>A <see cref="BackendBuffer"/> over a managed float array (possibly longer than Length).</summary>
internal sealed class CpuBuffer : BackendBuffer
{
    public CpuBuffer(float[] array, int length, bool pooled)
        : base(length)
    {
        Array = array;
        Pooled = pooled;
    }

    /// <summary>Storage; elements past Length are scratch.</summary>
    public float[] Array { get; }

    /// <summary>True when the array came from the backend's pool and goes back on Return.</summary>
    public bool Pooled { get; }

    public Span<float> Span => Array.AsSpan(0, Length);
}
