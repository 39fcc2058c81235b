using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FermentEngine.Engine.Backends.Cpu;

/// <summary>
/// Implicit-im2col matrix product, the core of every convolution pass:
/// output[i·ldo + j] = bias[i] + Σ_r a[i·lda + r] · source[offsets[r] + j] for i &lt; rows, j &lt; length.
/// Each "row" r of the virtual im2col matrix is a shifted window of the padded source, so nothing is copied.
/// </summary>
/// <remarks>
/// Every output element accumulates over r in ascending order with one fused multiply-add per term, whatever
/// block of the kernel computes it, so results do not depend on how callers split rows among threads.
/// Lengths shorter than one vector fall back to the scalar loop. An empty bias means zero.
/// </remarks>
internal static class RowGemm
{
    public static void Run(
        CpuIsa isa, ReadOnlySpan<float> a, int lda, int rows, ReadOnlySpan<int> offsets, ReadOnlySpan<float> source,
        ReadOnlySpan<float> bias, Span<float> output, int ldo, int length)
    {
        switch (isa)
        {
            case CpuIsa.Vector512:
                RowGemmVector512(a, lda, rows, offsets, source, bias, output, ldo, length);
                break;
            case CpuIsa.Vector256:
                RowGemmVector256(a, lda, rows, offsets, source, bias, output, ldo, length);
                break;
            case CpuIsa.Vector128:
                RowGemmVector128(a, lda, rows, offsets, source, bias, output, ldo, length);
                break;
            default:
                RowGemmScalar(a, lda, rows, offsets, source, bias, output, ldo, length);
                break;
        }
    }

    public static void RowGemmScalar(
        ReadOnlySpan<float> a, int lda, int rows, ReadOnlySpan<int> offsets, ReadOnlySpan<float> source,
        ReadOnlySpan<float> bias, Span<float> output, int ldo, int length)
    {
        Check(a, lda, rows, offsets, source, bias, output, ldo, length);
        for (int i = 0; i < rows; i++)
        {
            float b = bias.IsEmpty ? 0f : bias[i];
            ReadOnlySpan<float> weights = a.Slice(i * lda, offsets.Length);
            Span<float> target = output.Slice(i * ldo, length);
            for (int j = 0; j < length; j++)
            {
                float sum = b;
                for (int r = 0; r < weights.Length; r++)
                {
                    sum += weights[r] * source[offsets[r] + j];
                }

                target[j] = sum;
            }
        }
    }

    public static void RowGemmVector128(
        ReadOnlySpan<float> a, int lda, int rows, ReadOnlySpan<int> offsets, ReadOnlySpan<float> source,
        ReadOnlySpan<float> bias, Span<float> output, int ldo, int length) =>
        Vectorised<Vector128Ops, Vector128<float>>(a, lda, rows, offsets, source, bias, output, ldo, length);

    public static void RowGemmVector256(
        ReadOnlySpan<float> a, int lda, int rows, ReadOnlySpan<int> offsets, ReadOnlySpan<float> source,
        ReadOnlySpan<float> bias, Span<float> output, int ldo, int length) =>
        Vectorised<Vector256Ops, Vector256<float>>(a, lda, rows, offsets, source, bias, output, ldo, length);

    public static void RowGemmVector512(
        ReadOnlySpan<float> a, int lda, int rows, ReadOnlySpan<int> offsets, ReadOnlySpan<float> source,
        ReadOnlySpan<float> bias, Span<float> output, int ldo, int length) =>
        Vectorised<Vector512Ops, Vector512<float>>(a, lda, rows, offsets, source, bias, output, ldo, length);

    private static void Vectorised<TOps, TVec>(
        ReadOnlySpan<float> a, int lda, int rows, ReadOnlySpan<int> offsets, ReadOnlySpan<float> source,
        ReadOnlySpan<float> bias, Span<float> output, int ldo, int length)
        where TOps : struct, ISimdOps<TVec>
        where TVec : struct
    {
        if (length < TOps.Count)
        {
            RowGemmScalar(a, lda, rows, offsets, source, bias, output, ldo, length);
            return;
        }

        Check(a, lda, rows, offsets, source, bias, output, ldo, length);
        var k = new Kernel(a, lda, offsets, source, output, ldo, length);
        Span<float> b4 = stackalloc float[4];
        int i = 0;
        for (; i + 4 <= rows; i += 4)
        {
            for (int q = 0; q < 4; q++)
            {
                b4[q] = bias.IsEmpty ? 0f : bias[i + q];
            }

            Rows4<TOps, TVec>(in k, i, b4);
        }

        for (; i < rows; i++)
        {
            Row1<TOps, TVec>(in k, i, bias.IsEmpty ? 0f : bias[i]);
        }
    }

    private static void Rows4<TOps, TVec>(in Kernel k, int i, ReadOnlySpan<float> b4)
        where TOps : struct, ISimdOps<TVec>
        where TVec : struct
    {
        int w = TOps.Count;
        int j = 0;
        for (; j + 2 * w <= k.Length; j += 2 * w)
        {
            Block4x2<TOps, TVec>(in k, i, j, b4);
        }

        for (; j < k.Length; j += w)
        {
            // The last vector may overlap the previous one; it stores the same values again.
            Block4x1<TOps, TVec>(in k, i, Math.Min(j, k.Length - w), b4);
        }
    }

    private static void Row1<TOps, TVec>(in Kernel k, int i, float bias)
        where TOps : struct, ISimdOps<TVec>
        where TVec : struct
    {
        int w = TOps.Count;
        ref float a0 = ref Unsafe.Add(ref k.A, (nint)i * k.Lda);
        ref float o0 = ref Unsafe.Add(ref k.Output, (nint)i * k.Ldo);
        for (int j = 0; j < k.Length; j += w)
        {
            int jj = Math.Min(j, k.Length - w);
            TVec c = TOps.Broadcast(bias);
            for (int r = 0; r < k.Depth; r++)
            {
                TVec x = TOps.Load(ref k.Source, Unsafe.Add(ref k.Offsets, r) + jj);
                c = TOps.MultiplyAdd(TOps.Broadcast(Unsafe.Add(ref a0, r)), x, c);
            }

            TOps.Store(c, ref o0, jj);
        }
    }

    private static void Block4x2<TOps, TVec>(in Kernel k, int i, int j, ReadOnlySpan<float> b4)
        where TOps : struct, ISimdOps<TVec>
        where TVec : struct
    {
        int w = TOps.Count;
        nint lda = k.Lda;
        ref float a0 = ref Unsafe.Add(ref k.A, i * lda);
        ref float a1 = ref Unsafe.Add(ref a0, lda);
        ref float a2 = ref Unsafe.Add(ref a1, lda);
        ref float a3 = ref Unsafe.Add(ref a2, lda);
        TVec c00 = TOps.Broadcast(b4[0]), c01 = c00;
        TVec c10 = TOps.Broadcast(b4[1]), c11 = c10;
        TVec c20 = TOps.Broadcast(b4[2]), c21 = c20;
        TVec c30 = TOps.Broadcast(b4[3]), c31 = c30;
        for (int r = 0; r < k.Depth; r++)
        {
            ref float s = ref Unsafe.Add(ref k.Source, Unsafe.Add(ref k.Offsets, r) + j);
            TVec x0 = TOps.Load(ref s, 0);
            TVec x1 = TOps.Load(ref s, w);
            TVec w0 = TOps.Broadcast(Unsafe.Add(ref a0, r));
            c00 = TOps.MultiplyAdd(w0, x0, c00);
            c01 = TOps.MultiplyAdd(w0, x1, c01);
            TVec w1 = TOps.Broadcast(Unsafe.Add(ref a1, r));
            c10 = TOps.MultiplyAdd(w1, x0, c10);
            c11 = TOps.MultiplyAdd(w1, x1, c11);
            TVec w2 = TOps.Broadcast(Unsafe.Add(ref a2, r));
            c20 = TOps.MultiplyAdd(w2, x0, c20);
            c21 = TOps.MultiplyAdd(w2, x1, c21);
            TVec w3 = TOps.Broadcast(Unsafe.Add(ref a3, r));
            c30 = TOps.MultiplyAdd(w3, x0, c30);
            c31 = TOps.MultiplyAdd(w3, x1, c31);
        }

        nint ldo = k.Ldo;
        ref float o = ref Unsafe.Add(ref k.Output, i * ldo + j);
        TOps.Store(c00, ref o, 0);
        TOps.Store(c01, ref o, w);
        TOps.Store(c10, ref o, ldo);
        TOps.Store(c11, ref o, ldo + w);
        TOps.Store(c20, ref o, 2 * ldo);
        TOps.Store(c21, ref o, 2 * ldo + w);
        TOps.Store(c30, ref o, 3 * ldo);
        TOps.Store(c31, ref o, 3 * ldo + w);
    }

    private static void Block4x1<TOps, TVec>(in Kernel k, int i, int j, ReadOnlySpan<float> b4)
        where TOps : struct, ISimdOps<TVec>
        where TVec : struct
    {
        nint lda = k.Lda;
        ref float a0 = ref Unsafe.Add(ref k.A, i * lda);
        TVec c0 = TOps.Broadcast(b4[0]);
        TVec c1 = TOps.Broadcast(b4[1]);
        TVec c2 = TOps.Broadcast(b4[2]);
        TVec c3 = TOps.Broadcast(b4[3]);
        for (int r = 0; r < k.Depth; r++)
        {
            TVec x = TOps.Load(ref k.Source, Unsafe.Add(ref k.Offsets, r) + j);
            c0 = TOps.MultiplyAdd(TOps.Broadcast(Unsafe.Add(ref a0, r)), x, c0);
            c1 = TOps.MultiplyAdd(TOps.Broadcast(Unsafe.Add(ref a0, lda + r)), x, c1);
            c2 = TOps.MultiplyAdd(TOps.Broadcast(Unsafe.Add(ref a0, 2 * lda + r)), x, c2);
            c3 = TOps.MultiplyAdd(TOps.Broadcast(Unsafe.Add(ref a0, 3 * lda + r)), x, c3);
        }

        nint ldo = k.Ldo;
        ref float o = ref Unsafe.Add(ref k.Output, i * ldo + j);
        TOps.Store(c0, ref o, 0);
        TOps.Store(c1, ref o, ldo);
        TOps.Store(c2, ref o, 2 * ldo);
        TOps.Store(c3, ref o, 3 * ldo);
    }

    private static void Check(
        ReadOnlySpan<float> a, int lda, int rows, ReadOnlySpan<int> offsets, ReadOnlySpan<float> source,
        ReadOnlySpan<float> bias, Span<float> output, int ldo, int length)
    {
        int depth = offsets.Length;
        if (rows == 0 || length == 0)
        {
            return;
        }

        if (lda < depth || (long)(rows - 1) * lda + depth > a.Length || ldo < length
            || (long)(rows - 1) * ldo + length > output.Length || (!bias.IsEmpty && bias.Length < rows))
        {
            ThrowHelper.ShapeMismatch(nameof(RowGemm));
        }

        foreach (int offset in offsets)
        {
            if (offset < 0 || (long)offset + length > source.Length)
            {
                ThrowHelper.ShapeMismatch(nameof(RowGemm));
            }
        }
    }

    /// <summary>The operands as references, checked once by <see cref="Check"/> before any unsafe access.</summary>
    private readonly ref struct Kernel
    {
        public Kernel(
            ReadOnlySpan<float> a, int lda, ReadOnlySpan<int> offsets, ReadOnlySpan<float> source,
            Span<float> output, int ldo, int length)
        {
            A = ref MemoryMarshal.GetReference(a);
            Offsets = ref MemoryMarshal.GetReference(offsets);
            Source = ref MemoryMarshal.GetReference(source);
            Output = ref MemoryMarshal.GetReference(output);
            Lda = lda;
            Ldo = ldo;
            Depth = offsets.Length;
            Length = length;
        }

        public readonly ref float A;
        public readonly ref int Offsets;
        public readonly ref float Source;
        public readonly ref float Output;
        public readonly int Lda;
        public readonly int Ldo;
        public readonly int Depth;
        public readonly int Length;
    }
}
