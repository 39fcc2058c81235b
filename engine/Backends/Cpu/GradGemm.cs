using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FermentEngine.Engine.Backends.Cpu;

/// <summary>
/// Batched reduction product behind every weight gradient, over a time-major (transposed) gradient:
/// output[i·ldo + r] = Σ_s Σ_j gT[s·gStride + j·ldg + i] · source[s·sourceStride + offsets[r] + j]
/// for i &lt; rows, r &lt; offsets.Length, s &lt; samples, j &lt; length (overwritten).
/// </summary>
/// <remarks>
/// Vectors run along i, so no lane sums are needed: each output element is one lane accumulating over samples,
/// then time, in ascending order with one fused multiply-add per term, whatever block computes it; results do not
/// depend on how callers split rows or columns among threads. Vector variants read whole vectors of gT, so ldg must
/// be at least rows rounded up to the vector width (lanes past rows are ignored; 16 suits every width).
/// </remarks>
internal static class GradGemm
{
    /// <summary>Row padding of gT that every vector width accepts.</summary>
    public const int RowAlignment = 16;

    public static void Run(CpuIsa isa, in GradGemmArgs args, ReadOnlySpan<float> gT, ReadOnlySpan<int> offsets,
        ReadOnlySpan<float> source, Span<float> output)
    {
        switch (isa)
        {
            case CpuIsa.Vector512:
                GradGemmVector512(args, gT, offsets, source, output);
                break;
            case CpuIsa.Vector256:
                GradGemmVector256(args, gT, offsets, source, output);
                break;
            case CpuIsa.Vector128:
                GradGemmVector128(args, gT, offsets, source, output);
                break;
            default:
                GradGemmScalar(args, gT, offsets, source, output);
                break;
        }
    }

    public static void GradGemmScalar(in GradGemmArgs args, ReadOnlySpan<float> gT, ReadOnlySpan<int> offsets,
        ReadOnlySpan<float> source, Span<float> output)
    {
        Check(args, args.Rows, gT, offsets, source, output);
        for (int i = 0; i < args.Rows; i++)
        {
            for (int r = 0; r < offsets.Length; r++)
            {
                float sum = 0f;
                for (int s = 0; s < args.Samples; s++)
                {
                    ReadOnlySpan<float> gs = gT[(s * args.GStride + i)..];
                    ReadOnlySpan<float> xs = source.Slice(s * args.SourceStride + offsets[r], args.Length);
                    for (int j = 0; j < xs.Length; j++)
                    {
                        sum += gs[j * args.Ldg] * xs[j];
                    }
                }

                output[i * args.Ldo + r] = sum;
            }
        }
    }

    public static void GradGemmVector128(in GradGemmArgs args, ReadOnlySpan<float> gT, ReadOnlySpan<int> offsets,
        ReadOnlySpan<float> source, Span<float> output) =>
        Vectorised<Vector128Ops, Vector128<float>>(args, gT, offsets, source, output);

    public static void GradGemmVector256(in GradGemmArgs args, ReadOnlySpan<float> gT, ReadOnlySpan<int> offsets,
        ReadOnlySpan<float> source, Span<float> output) =>
        Vectorised<Vector256Ops, Vector256<float>>(args, gT, offsets, source, output);

    public static void GradGemmVector512(in GradGemmArgs args, ReadOnlySpan<float> gT, ReadOnlySpan<int> offsets,
        ReadOnlySpan<float> source, Span<float> output) =>
        Vectorised<Vector512Ops, Vector512<float>>(args, gT, offsets, source, output);

    private static void Vectorised<TOps, TVec>(in GradGemmArgs args, ReadOnlySpan<float> gT,
        ReadOnlySpan<int> offsets, ReadOnlySpan<float> source, Span<float> output)
        where TOps : struct, ISimdOps<TVec>
        where TVec : struct
    {
        int w = TOps.Count, vectors = (args.Rows + w - 1) / w, depth = offsets.Length;
        if (args.Ldg < vectors * w)
        {
            GradGemmScalar(args, gT, offsets, source, output);
            return;
        }

        Check(args, vectors * w, gT, offsets, source, output);
        ref float g0 = ref MemoryMarshal.GetReference(gT);
        ref float x0 = ref MemoryMarshal.GetReference(source);
        ref int o0 = ref MemoryMarshal.GetReference(offsets);
        Span<float> lanes = stackalloc float[8 * 16];
        for (int v = 0; v < vectors; v += 2)
        {
            int i = v * w, count = Math.Min(vectors - v, 2);
            int r = 0;
            for (; r + 4 <= depth; r += 4)
            {
                if (count == 2)
                {
                    Block2x4<TOps, TVec>(args, ref Unsafe.Add(ref g0, i), ref x0, ref o0, r, lanes);
                }
                else
                {
                    Block1x4<TOps, TVec>(args, ref Unsafe.Add(ref g0, i), ref x0, ref o0, r, lanes);
                }

                Scatter(lanes, w, count, 4, args.Rows - i, output[(i * args.Ldo + r)..], args.Ldo);
            }

            for (; r < depth; r++)
            {
                for (int k = 0; k < count; k++)
                {
                    TOps.Store(Block1x1<TOps, TVec>(args, ref Unsafe.Add(ref g0, i + k * w), ref x0,
                        Unsafe.Add(ref o0, r)), ref lanes[k * w], 0);
                }

                Scatter(lanes, w, count, 1, args.Rows - i, output[(i * args.Ldo + r)..], args.Ldo);
            }
        }
    }

    // lanes holds, per column q, count vectors of w rows (column-major); rows beyond the valid ones are dropped.
    private static void Scatter(ReadOnlySpan<float> lanes, int w, int count, int columns, int rowsLeft,
        Span<float> output, int ldo)
    {
        int rows = Math.Min(rowsLeft, count * w);
        for (int q = 0; q < columns; q++)
        {
            ReadOnlySpan<float> column = lanes.Slice(q * count * w, rows);
            for (int lane = 0; lane < column.Length; lane++)
            {
                output[lane * ldo + q] = column[lane];
            }
        }
    }

    private static TVec Block1x1<TOps, TVec>(in GradGemmArgs args, ref float g0, ref float x0, int offset)
        where TOps : struct, ISimdOps<TVec>
        where TVec : struct
    {
        TVec c = TOps.Zero;
        ref float gs = ref g0;
        ref float xs = ref Unsafe.Add(ref x0, offset);
        for (int s = 0; s < args.Samples; s++)
        {
            for (int j = 0; j < args.Length; j++)
            {
                c = TOps.MultiplyAdd(TOps.Load(ref gs, (nint)j * args.Ldg), TOps.Broadcast(Unsafe.Add(ref xs, j)), c);
            }

            gs = ref Unsafe.Add(ref gs, args.GStride);
            xs = ref Unsafe.Add(ref xs, args.SourceStride);
        }

        return c;
    }

    private static void Block1x4<TOps, TVec>(in GradGemmArgs args, ref float g0, ref float x0, ref int o0, int r,
        Span<float> lanes)
        where TOps : struct, ISimdOps<TVec>
        where TVec : struct
    {
        nint ldg = args.Ldg;
        TVec c0 = TOps.Zero, c1 = c0, c2 = c0, c3 = c0;
        ref float gs = ref g0;
        ref float xs = ref x0;
        nint p0 = Unsafe.Add(ref o0, r), p1 = Unsafe.Add(ref o0, r + 1);
        nint p2 = Unsafe.Add(ref o0, r + 2), p3 = Unsafe.Add(ref o0, r + 3);
        for (int s = 0; s < args.Samples; s++)
        {
            for (nint j = 0; j < args.Length; j++)
            {
                TVec g = TOps.Load(ref gs, j * ldg);
                c0 = TOps.MultiplyAdd(g, TOps.Broadcast(Unsafe.Add(ref xs, p0 + j)), c0);
                c1 = TOps.MultiplyAdd(g, TOps.Broadcast(Unsafe.Add(ref xs, p1 + j)), c1);
                c2 = TOps.MultiplyAdd(g, TOps.Broadcast(Unsafe.Add(ref xs, p2 + j)), c2);
                c3 = TOps.MultiplyAdd(g, TOps.Broadcast(Unsafe.Add(ref xs, p3 + j)), c3);
            }

            gs = ref Unsafe.Add(ref gs, args.GStride);
            xs = ref Unsafe.Add(ref xs, args.SourceStride);
        }

        int w = TOps.Count;
        TOps.Store(c0, ref lanes[0], 0);
        TOps.Store(c1, ref lanes[0], w);
        TOps.Store(c2, ref lanes[0], 2 * w);
        TOps.Store(c3, ref lanes[0], 3 * w);
    }

    private static void Block2x4<TOps, TVec>(in GradGemmArgs args, ref float g0, ref float x0, ref int o0, int r,
        Span<float> lanes)
        where TOps : struct, ISimdOps<TVec>
        where TVec : struct
    {
        int w = TOps.Count;
        nint ldg = args.Ldg;
        TVec c00 = TOps.Zero, c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00;
        ref float gs = ref g0;
        ref float xs = ref x0;
        nint p0 = Unsafe.Add(ref o0, r), p1 = Unsafe.Add(ref o0, r + 1);
        nint p2 = Unsafe.Add(ref o0, r + 2), p3 = Unsafe.Add(ref o0, r + 3);
        for (int s = 0; s < args.Samples; s++)
        {
            for (nint j = 0; j < args.Length; j++)
            {
                TVec ga = TOps.Load(ref gs, j * ldg), gb = TOps.Load(ref gs, j * ldg + w);
                TVec x = TOps.Broadcast(Unsafe.Add(ref xs, p0 + j));
                c00 = TOps.MultiplyAdd(ga, x, c00);
                c01 = TOps.MultiplyAdd(gb, x, c01);
                x = TOps.Broadcast(Unsafe.Add(ref xs, p1 + j));
                c10 = TOps.MultiplyAdd(ga, x, c10);
                c11 = TOps.MultiplyAdd(gb, x, c11);
                x = TOps.Broadcast(Unsafe.Add(ref xs, p2 + j));
                c20 = TOps.MultiplyAdd(ga, x, c20);
                c21 = TOps.MultiplyAdd(gb, x, c21);
                x = TOps.Broadcast(Unsafe.Add(ref xs, p3 + j));
                c30 = TOps.MultiplyAdd(ga, x, c30);
                c31 = TOps.MultiplyAdd(gb, x, c31);
            }

            gs = ref Unsafe.Add(ref gs, args.GStride);
            xs = ref Unsafe.Add(ref xs, args.SourceStride);
        }

        TOps.Store(c00, ref lanes[0], 0);
        TOps.Store(c01, ref lanes[0], w);
        TOps.Store(c10, ref lanes[0], 2 * w);
        TOps.Store(c11, ref lanes[0], 3 * w);
        TOps.Store(c20, ref lanes[0], 4 * w);
        TOps.Store(c21, ref lanes[0], 5 * w);
        TOps.Store(c30, ref lanes[0], 6 * w);
        TOps.Store(c31, ref lanes[0], 7 * w);
    }

    private static void Check(in GradGemmArgs args, int paddedRows, ReadOnlySpan<float> gT,
        ReadOnlySpan<int> offsets, ReadOnlySpan<float> source, Span<float> output)
    {
        int depth = offsets.Length;
        if (args.Rows == 0 || depth == 0)
        {
            return;
        }

        long lastOutput = (long)(args.Rows - 1) * args.Ldo + depth;
        if (args.Ldo < depth || lastOutput > output.Length || args.Ldg < args.Rows)
        {
            ThrowHelper.ShapeMismatch(nameof(GradGemm));
        }

        if (args.Samples == 0 || args.Length == 0)
        {
            return;
        }

        long lastG = (long)(args.Samples - 1) * args.GStride + (long)(args.Length - 1) * args.Ldg + paddedRows;
        if (lastG > gT.Length)
        {
            ThrowHelper.ShapeMismatch(nameof(GradGemm));
        }

        foreach (int offset in offsets)
        {
            long end = (long)(args.Samples - 1) * args.SourceStride + offset + args.Length;
            if (offset < 0 || end > source.Length)
            {
                ThrowHelper.ShapeMismatch(nameof(GradGemm));
            }
        }
    }
}
