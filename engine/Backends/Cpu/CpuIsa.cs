namespace FermentEngine.Engine.Backends.Cpu;

/// <summary>Instruction set the CPU kernels run with.</summary>
public enum CpuIsa
{
    /// <summary>Chosen at construction: FERMENTENGINE_CPU_ISA if set, else the widest accelerated size.</summary>
    Auto,

    /// <summary>Plain scalar loops; the reference every vector variant is tested against.</summary>
    Scalar,

    /// <summary>128-bit vectors (SSE / NEON).</summary>
    Vector128,

    /// <summary>256-bit vectors (AVX2 + FMA).</summary>
    Vector256,

    /// <summary>512-bit vectors (AVX-512).</summary>
    Vector512,
}
