using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FermentEngine.Engine.Backends.Cpu;

/// <summary>
/// Batched reduction product behind every weight gradient:
/// output[i·ldo + r] = Σ_s Σ_j g[s·gStride + i·ldg + j] · source[s·sourceStride + offsets[r] + j]
/// for i &lt; rows, r &lt; offsets.Length, s &lt; samples, j &lt; length (overwritten).
/// </summary>
/// <remarks>
/// Every element accumulates lane-wise over samples, then over time in ascending vector order, with the partial
/// last vector masked, and is reduced across lanes once at the end; the order is the same whatever block computes
/// it, so results do not depend on how callers split rows or columns among threads. Lengths shorter than one vector
/// use the scalar loop.
/// </remarks>
internal static class GradGemm
{
    public static void Run(CpuIsa isa, in GradGemmArgs args, ReadOnlySpan<float> g, ReadOnlySpan<int> offsets,
        ReadOnlySpan<float> source, Span<float> output)
    {
        switch (isa)
        {
            case CpuIsa.Vector512:
                GradGemmVector512(args, g, offsets, source, output);
                break;
            case CpuIsa.Vector256:
                GradGemmVector256(args, g, offsets, source, output);
                break;
            case CpuIsa.Vector128:
                GradGemmVector128(args, g, offsets, source, output);
                break;
            default:
                GradGemmScalar(args, g, offsets, source, output);
                break;
        }
    }

    public static void GradGemmScalar(in GradGemmArgs args, ReadOnlySpan<float> g, ReadOnlySpan<int> offsets,
        ReadOnlySpan<float> source, Span<float> output)
    {
        Check(args, g, offsets, source, output);
        for (int i = 0; i < args.Rows; i++)
        {
            for (int r = 0; r < offsets.Length; r++)
            {
                float sum = 0f;
                for (int s = 0; s < args.Samples; s++)
                {
                    ReadOnlySpan<float> gs = g.Slice(s * args.GStride + i * args.Ldg, args.Length);
                    ReadOnlySpan<float> xs = source.Slice(s * args.SourceStride + offsets[r], args.Length);
                    for (int j = 0; j < gs.Length; j++)
                    {
                        sum += gs[j] * xs[j];
                    }
                }

                output[i * args.Ldo + r] = sum;
            }
        }
    }

    public static void GradGemmVector128(in GradGemmArgs args, ReadOnlySpan<float> g, ReadOnlySpan<int> offsets,
        ReadOnlySpan<float> source, Span<float> output) =>
        Vectorised<Vector128Ops, Vector128<float>>(args, g, offsets, source, output);

    public static void GradGemmVector256(in GradGemmArgs args, ReadOnlySpan<float> g, ReadOnlySpan<int> offsets,
        ReadOnlySpan<float> source, Span<float> output) =>
        Vectorised<Vector256Ops, Vector256<float>>(args, g, offsets, source, output);

    public static void GradGemmVector512(in GradGemmArgs args, ReadOnlySpan<float> g, ReadOnlySpan<int> offsets,
        ReadOnlySpan<float> source, Span<float> output) =>
        Vectorised<Vector512Ops, Vector512<float>>(args, g, offsets, source, output);

    private static void Vectorised<TOps, TVec>(in GradGemmArgs args, ReadOnlySpan<float> g,
        ReadOnlySpan<int> offsets, ReadOnlySpan<float> source, Span<float> output)
        where TOps : struct, ISimdOps<TVec>
        where TVec : struct
    {
        if (args.Length < TOps.Count || args.Samples == 0)
        {
            GradGemmScalar(args, g, offsets, source, output);
            return;
        }

        Check(args, g, offsets, source, output);
        ref float g0 = ref MemoryMarshal.GetReference(g);
        ref float x0 = ref MemoryMarshal.GetReference(source);
        ref int o0 = ref MemoryMarshal.GetReference(offsets);
        int depth = offsets.Length;
        int rows4 = args.Rows & ~3, depth4 = depth & ~3;
        for (int i = 0; i < args.Rows; i++)
        {
            for (int r = 0; r < depth; r++)
            {
                if (i < rows4 && r < depth4)
                {
                    if ((i & 3) == 0 && (r & 3) == 0)
                    {
                        Block4x4<TOps, TVec>(args, ref g0, ref x0, ref o0, i, r, output);
                    }

                    continue;
                }

                output[i * args.Ldo + r] = Block1x1<TOps, TVec>(args, ref g0, ref x0, Unsafe.Add(ref o0, r), i);
            }
        }
    }

    private static float Block1x1<TOps, TVec>(in GradGemmArgs args, ref float g0, ref float x0, int offset, int i)
        where TOps : struct, ISimdOps<TVec>
        where TVec : struct
    {
        int w = TOps.Count, length = args.Length, tail = length % w;
        TVec c = TOps.Zero;
        for (int s = 0; s < args.Samples; s++)
        {
            ref float gs = ref Unsafe.Add(ref g0, (nint)s * args.GStride + (nint)i * args.Ldg);
            ref float xs = ref Unsafe.Add(ref x0, (nint)s * args.SourceStride + offset);
            int j = 0;
            for (; j + w <= length; j += w)
            {
                c = TOps.MultiplyAdd(TOps.Load(ref gs, j), TOps.Load(ref xs, j), c);
            }

            if (tail != 0)
            {
                int jt = length - w;
                c = TOps.MultiplyAdd(TOps.KeepLast(TOps.Load(ref gs, jt), tail), TOps.Load(ref xs, jt), c);
            }
        }

        return TOps.Sum(c);
    }

    private static void Block4x4<TOps, TVec>(in GradGemmArgs args, ref float g0, ref float x0, ref int o0,
        int i, int r, Span<float> output)
        where TOps : struct, ISimdOps<TVec>
        where TVec : struct
    {
        int w = TOps.Count, length = args.Length, tail = length % w;
        nint ldg = args.Ldg;
        TVec c00 = TOps.Zero, c01 = c00, c02 = c00, c03 = c00, c10 = c00, c11 = c00, c12 = c00, c13 = c00;
        TVec c20 = c00, c21 = c00, c22 = c00, c23 = c00, c30 = c00, c31 = c00, c32 = c00, c33 = c00;
        nint p0 = Unsafe.Add(ref o0, r), p1 = Unsafe.Add(ref o0, r + 1);
        nint p2 = Unsafe.Add(ref o0, r + 2), p3 = Unsafe.Add(ref o0, r + 3);
        ref float gs = ref Unsafe.Add(ref g0, (nint)i * ldg);
        ref float xs = ref x0;
        for (int s = 0; s < args.Samples; s++)
        {
            int j = 0;
            for (; j + w <= length; j += w)
            {
                TVec x0v = TOps.Load(ref xs, p0 + j), x1v = TOps.Load(ref xs, p1 + j);
                TVec x2v = TOps.Load(ref xs, p2 + j), x3v = TOps.Load(ref xs, p3 + j);
                TVec g = TOps.Load(ref gs, j);
                c00 = TOps.MultiplyAdd(g, x0v, c00);
                c01 = TOps.MultiplyAdd(g, x1v, c01);
                c02 = TOps.MultiplyAdd(g, x2v, c02);
                c03 = TOps.MultiplyAdd(g, x3v, c03);
                g = TOps.Load(ref gs, ldg + j);
                c10 = TOps.MultiplyAdd(g, x0v, c10);
                c11 = TOps.MultiplyAdd(g, x1v, c11);
                c12 = TOps.MultiplyAdd(g, x2v, c12);
                c13 = TOps.MultiplyAdd(g, x3v, c13);
                g = TOps.Load(ref gs, 2 * ldg + j);
                c20 = TOps.MultiplyAdd(g, x0v, c20);
                c21 = TOps.MultiplyAdd(g, x1v, c21);
                c22 = TOps.MultiplyAdd(g, x2v, c22);
                c23 = TOps.MultiplyAdd(g, x3v, c23);
                g = TOps.Load(ref gs, 3 * ldg + j);
                c30 = TOps.MultiplyAdd(g, x0v, c30);
                c31 = TOps.MultiplyAdd(g, x1v, c31);
                c32 = TOps.MultiplyAdd(g, x2v, c32);
                c33 = TOps.MultiplyAdd(g, x3v, c33);
            }

            if (tail != 0)
            {
                j = length - w;
                TVec x0v = TOps.Load(ref xs, p0 + j), x1v = TOps.Load(ref xs, p1 + j);
                TVec x2v = TOps.Load(ref xs, p2 + j), x3v = TOps.Load(ref xs, p3 + j);
                TVec g = TOps.KeepLast(TOps.Load(ref gs, j), tail);
                c00 = TOps.MultiplyAdd(g, x0v, c00);
                c01 = TOps.MultiplyAdd(g, x1v, c01);
                c02 = TOps.MultiplyAdd(g, x2v, c02);
                c03 = TOps.MultiplyAdd(g, x3v, c03);
                g = TOps.KeepLast(TOps.Load(ref gs, ldg + j), tail);
                c10 = TOps.MultiplyAdd(g, x0v, c10);
                c11 = TOps.MultiplyAdd(g, x1v, c11);
                c12 = TOps.MultiplyAdd(g, x2v, c12);
                c13 = TOps.MultiplyAdd(g, x3v, c13);
                g = TOps.KeepLast(TOps.Load(ref gs, 2 * ldg + j), tail);
                c20 = TOps.MultiplyAdd(g, x0v, c20);
                c21 = TOps.MultiplyAdd(g, x1v, c21);
                c22 = TOps.MultiplyAdd(g, x2v, c22);
                c23 = TOps.MultiplyAdd(g, x3v, c23);
                g = TOps.KeepLast(TOps.Load(ref gs, 3 * ldg + j), tail);
                c30 = TOps.MultiplyAdd(g, x0v, c30);
                c31 = TOps.MultiplyAdd(g, x1v, c31);
                c32 = TOps.MultiplyAdd(g, x2v, c32);
                c33 = TOps.MultiplyAdd(g, x3v, c33);
            }

            gs = ref Unsafe.Add(ref gs, args.GStride);
            xs = ref Unsafe.Add(ref xs, args.SourceStride);
        }

        Span<float> o = output.Slice(i * args.Ldo + r);
        int ldo = args.Ldo;
        o[0] = TOps.Sum(c00); o[1] = TOps.Sum(c01); o[2] = TOps.Sum(c02); o[3] = TOps.Sum(c03);
        o[ldo] = TOps.Sum(c10); o[ldo + 1] = TOps.Sum(c11); o[ldo + 2] = TOps.Sum(c12); o[ldo + 3] = TOps.Sum(c13);
        o[2 * ldo] = TOps.Sum(c20); o[2 * ldo + 1] = TOps.Sum(c21);
        o[2 * ldo + 2] = TOps.Sum(c22); o[2 * ldo + 3] = TOps.Sum(c23);
        o[3 * ldo] = TOps.Sum(c30); o[3 * ldo + 1] = TOps.Sum(c31);
        o[3 * ldo + 2] = TOps.Sum(c32); o[3 * ldo + 3] = TOps.Sum(c33);
    }

    private static void Check(in GradGemmArgs args, ReadOnlySpan<float> g, ReadOnlySpan<int> offsets,
        ReadOnlySpan<float> source, Span<float> output)
    {
        int depth = offsets.Length;
        if (args.Rows == 0 || depth == 0)
        {
            return;
        }

        long lastOutput = (long)(args.Rows - 1) * args.Ldo + depth;
        long lastSample = Math.Max(args.Samples - 1, 0);
        long lastG = lastSample * args.GStride + (long)(args.Rows - 1) * args.Ldg + args.Length;
        if (args.Ldo < depth || lastOutput > output.Length || (args.Samples > 0 && lastG > g.Length))
        {
            ThrowHelper.ShapeMismatch(nameof(GradGemm));
        }

        foreach (int offset in offsets)
        {
            long end = lastSample * args.SourceStride + offset + args.Length;
            if (offset < 0 || (args.Samples > 0 && end > source.Length))
            {
                ThrowHelper.ShapeMismatch(nameof(GradGemm));
            }
        }
    }
}
