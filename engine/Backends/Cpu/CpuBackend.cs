using System.Buffers;
using System.Runtime.Intrinsics;

namespace FermentEngine.Engine.Backends.Cpu;

/// <summary>
/// <see cref="IBackend"/> on the CPU: SIMD kernels (Vector512, Vector256 or Vector128 with FMA where present) spread
/// over up to <see cref="MaxThreads"/> threads with Parallel.For.
/// </summary>
/// <remarks>
/// Thread-safe: calls may run concurrently on distinct output buffers. Every output element is reduced in a fixed
/// order within one task, and work is split only across independent outputs, so results are bit-identical for any
/// thread count; they can differ between instruction sets (FMA contraction, lane order). Buffers are managed float
/// arrays, so <see cref="Mirror"/> shares the host array and <see cref="PushHost"/> / <see cref="PullHost"/> do
/// nothing. Scratch comes from ArrayPool&lt;float&gt;.Shared.
/// </remarks>
public sealed partial class CpuBackend : IBackend
{
    /// <summary>Environment variable that forces the instruction set chosen for <see cref="CpuIsa.Auto"/>.</summary>
    public const string IsaVariable = "FERMENTENGINE_CPU_ISA";

    private const int ElementBlock = 16384;
    private static readonly Lazy<CpuBackend> s_shared = new(() => new CpuBackend());
    private readonly ParallelOptions _parallel;

    /// <param name="maxThreads">Threads per call; null uses Environment.ProcessorCount.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxThreads"/> is below 1.</exception>
    public CpuBackend(int? maxThreads = null)
        : this(maxThreads, CpuIsa.Auto)
    {
    }

    /// <param name="maxThreads">Threads per call; null uses Environment.ProcessorCount.</param>
    /// <param name="isa">Instruction set; <see cref="CpuIsa.Auto"/> picks the widest accelerated one.</param>
    /// <exception cref="ArgumentOutOfRangeException">Threads below 1, or the ISA is not accelerated here.</exception>
    public CpuBackend(int? maxThreads, CpuIsa isa)
    {
        int threads = maxThreads ?? Environment.ProcessorCount;
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1, nameof(maxThreads));
        MaxThreads = threads;
        Isa = isa == CpuIsa.Auto ? DetectIsa() : isa;
        if (!IsSupported(Isa))
        {
            throw new ArgumentOutOfRangeException(nameof(isa), isa, "This instruction set is not accelerated here.");
        }

        _parallel = new ParallelOptions { MaxDegreeOfParallelism = threads };
    }

    /// <summary>A process-wide instance with all cores and the auto-detected instruction set.</summary>
    public static CpuBackend Shared => s_shared.Value;

    /// <summary>The instruction set the kernels run with (never Auto).</summary>
    public CpuIsa Isa { get; }

    /// <summary>Upper bound on threads per call.</summary>
    public int MaxThreads { get; }

    /// <inheritdoc />
    public string Name => $"cpu-{Isa.ToString().ToLowerInvariant()}";

    /// <summary>Whether <paramref name="isa"/> runs accelerated on this machine (Scalar always does).</summary>
    public static bool IsSupported(CpuIsa isa) => isa switch
    {
        CpuIsa.Scalar => true,
        CpuIsa.Vector128 => Vector128.IsHardwareAccelerated,
        CpuIsa.Vector256 => Vector256.IsHardwareAccelerated,
        CpuIsa.Vector512 => Vector512.IsHardwareAccelerated,
        _ => false,
    };

    /// <inheritdoc />
    public BackendBuffer Allocate(int length) => new CpuBuffer(new float[length], length, pooled: false);

    /// <inheritdoc />
    public BackendBuffer Mirror(float[] host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return new CpuBuffer(host, host.Length, pooled: false);
    }

    /// <inheritdoc />
    public void PushHost(BackendBuffer mirror) => Cpu(mirror, nameof(mirror), 0);

    /// <inheritdoc />
    public void PullHost(BackendBuffer mirror) => Cpu(mirror, nameof(mirror), 0);

    /// <inheritdoc />
    public BackendBuffer Rent(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        return new CpuBuffer(ArrayPool<float>.Shared.Rent(length), length, pooled: true);
    }

    /// <inheritdoc />
    public void Return(BackendBuffer buffer)
    {
        CpuBuffer cpu = Cpu(buffer, nameof(buffer), 0);
        if (cpu.Pooled)
        {
            ArrayPool<float>.Shared.Return(cpu.Array);
        }
    }

    /// <inheritdoc />
    public void UploadTimeMajor(
        ReadOnlySpan<float> source, int batch, int length, int channels, BackendBuffer destination)
    {
        int sample = length * channels;
        CheckCount(source.Length, (long)batch * sample, nameof(source));
        float[] dst = Cpu(destination, nameof(destination), (long)batch * sample).Array;
        for (int b = 0; b < batch; b++)
        {
            LayoutKernels.ToChannelsFirst(source.Slice(b * sample, sample), length, channels,
                dst.AsSpan(b * sample, sample));
        }
    }

    /// <inheritdoc />
    public void DownloadTimeMajor(BackendBuffer source, int batch, int length, int channels, Span<float> destination)
    {
        int sample = length * channels;
        CheckCount(destination.Length, (long)batch * sample, nameof(destination));
        float[] src = Cpu(source, nameof(source), (long)batch * sample).Array;
        for (int b = 0; b < batch; b++)
        {
            LayoutKernels.ToTimeMajor(src.AsSpan(b * sample, sample), length, channels,
                destination.Slice(b * sample, sample));
        }
    }

    /// <inheritdoc />
    public void BiasGradient(BackendBuffer gradOutput, int batch, int channels, int length, BackendBuffer gradBias)
    {
        float[] g = Cpu(gradOutput, nameof(gradOutput), (long)batch * channels * length).Array;
        float[] db = Cpu(gradBias, nameof(gradBias), channels).Array;
        for (int c = 0; c < channels; c++)
        {
            float sum = 0f;
            for (int b = 0; b < batch; b++)
            {
                sum += ReductionKernels.RowSum(Isa, g.AsSpan((b * channels + c) * length, length));
            }

            db[c] = sum;
        }
    }

    /// <inheritdoc />
    public void EluForward(BackendBuffer values, int count)
    {
        float[] x = Cpu(values, nameof(values), count).Array;
        For((count + ElementBlock - 1) / ElementBlock, block =>
        {
            int start = block * ElementBlock;
            EluKernels.Forward(Isa, x.AsSpan(start, Math.Min(ElementBlock, count - start)));
        });
    }

    /// <inheritdoc />
    public void EluBackward(BackendBuffer output, BackendBuffer gradient, int count)
    {
        float[] y = Cpu(output, nameof(output), count).Array;
        float[] g = Cpu(gradient, nameof(gradient), count).Array;
        For((count + ElementBlock - 1) / ElementBlock, block =>
        {
            int start = block * ElementBlock, n = Math.Min(ElementBlock, count - start);
            EluKernels.Backward(Isa, y.AsSpan(start, n), g.AsSpan(start, n));
        });
    }

    /// <inheritdoc />
    public float MseLoss(BackendBuffer prediction, BackendBuffer target, int count, BackendBuffer gradient)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        float[] p = Cpu(prediction, nameof(prediction), count).Array;
        float[] t = Cpu(target, nameof(target), count).Array;
        float[] g = Cpu(gradient, nameof(gradient), count).Array;
        double sum = ReductionKernels.SquaredError(Isa, p.AsSpan(0, count), t.AsSpan(0, count), g.AsSpan(0, count),
            2f / count);
        return (float)(sum / count);
    }

    /// <inheritdoc />
    public void AdamUpdate(BackendBuffer value, BackendBuffer gradient, BackendBuffer firstMoment,
        BackendBuffer secondMoment, int count, in AdamSettings settings)
    {
        float[] p = Cpu(value, nameof(value), count).Array;
        float[] g = Cpu(gradient, nameof(gradient), count).Array;
        float[] m = Cpu(firstMoment, nameof(firstMoment), count).Array;
        float[] v = Cpu(secondMoment, nameof(secondMoment), count).Array;
        AdamKernels.Update(Isa, p.AsSpan(0, count), g.AsSpan(0, count), m.AsSpan(0, count), v.AsSpan(0, count),
            settings);
    }

    private static CpuIsa DetectIsa()
    {
        string? forced = Environment.GetEnvironmentVariable(IsaVariable);
        if (Enum.TryParse(forced, ignoreCase: true, out CpuIsa isa) && isa != CpuIsa.Auto && IsSupported(isa))
        {
            return isa;
        }

        return Vector512.IsHardwareAccelerated ? CpuIsa.Vector512
            : Vector256.IsHardwareAccelerated ? CpuIsa.Vector256
            : Vector128.IsHardwareAccelerated ? CpuIsa.Vector128
            : CpuIsa.Scalar;
    }

    private static CpuBuffer Cpu(BackendBuffer buffer, string name, long required)
    {
        ArgumentNullException.ThrowIfNull(buffer, name);
        if (buffer is not CpuBuffer cpu)
        {
            ThrowHelper.ForeignBuffer(name);
            return null!;
        }

        if (cpu.Length < required)
        {
            ThrowHelper.BufferTooShort(name, cpu.Length, required);
        }

        return cpu;
    }

    private static void CheckCount(int length, long required, string name)
    {
        if (length != required)
        {
            throw new ArgumentException($"{name}: holds {length} floats, the call needs exactly {required}.", name);
        }
    }

    internal void ForEach(int count, Action<int> body) => For(count, body);

    private void For(int count, Action<int> body)
    {
        if (count <= 1 || MaxThreads == 1)
        {
            for (int i = 0; i < count; i++)
            {
                body(i);
            }

            return;
        }

        Parallel.For(0, count, _parallel, body);
    }
}
