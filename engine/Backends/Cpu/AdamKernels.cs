using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FermentEngine.Engine.Backends.Cpu;

/// <summary>
/// Bias-corrected Adam: m ← β1·m + (1−β1)·g, v ← β2·v + (1−β2)·g², θ ← θ − α·(m/c1) /
/// (√(v/c2) + ε) with
/// c1 = 1 − β1^t and c2 = 1 − β2^t. All four spans have the same length.
/// </summary>
internal static class AdamKernels
{
    public static void Update(CpuIsa isa, Span<float> value, ReadOnlySpan<float> gradient, Span<float> m,
        Span<float> v, in AdamSettings settings)
    {
        switch (isa)
        {
            case CpuIsa.Vector512: AdamUpdateVector512(value, gradient, m, v, settings); break;
            case CpuIsa.Vector256: AdamUpdateVector256(value, gradient, m, v, settings); break;
            case CpuIsa.Vector128: AdamUpdateVector128(value, gradient, m, v, settings); break;
            default: AdamUpdateScalar(value, gradient, m, v, settings); break;
        }
    }

    public static void AdamUpdateScalar(Span<float> value, ReadOnlySpan<float> gradient, Span<float> m,
        Span<float> v, in AdamSettings settings) => Tail(value, gradient, m, v, settings, 0);

    public static void AdamUpdateVector128(Span<float> value, ReadOnlySpan<float> gradient, Span<float> m,
        Span<float> v, in AdamSettings settings) =>
        Vectorised<Vector128Ops, Vector128<float>>(value, gradient, m, v, settings);

    public static void AdamUpdateVector256(Span<float> value, ReadOnlySpan<float> gradient, Span<float> m,
        Span<float> v, in AdamSettings settings) =>
        Vectorised<Vector256Ops, Vector256<float>>(value, gradient, m, v, settings);

    public static void AdamUpdateVector512(Span<float> value, ReadOnlySpan<float> gradient, Span<float> m,
        Span<float> v, in AdamSettings settings) =>
        Vectorised<Vector512Ops, Vector512<float>>(value, gradient, m, v, settings);

    private static void Vectorised<TOps, TVec>(Span<float> value, ReadOnlySpan<float> gradient, Span<float> m,
        Span<float> v, in AdamSettings settings)
        where TOps : struct, ISimdOps<TVec>
        where TVec : struct
    {
        Check(value, gradient, m, v);
        ref float p0 = ref MemoryMarshal.GetReference(value);
        ref float g0 = ref MemoryMarshal.GetReference(gradient);
        ref float m0 = ref MemoryMarshal.GetReference(m);
        ref float v0 = ref MemoryMarshal.GetReference(v);
        TVec b1 = TOps.Broadcast((float)settings.Beta1), a1 = TOps.Broadcast((float)(1 - settings.Beta1));
        TVec b2 = TOps.Broadcast((float)settings.Beta2), a2 = TOps.Broadcast((float)(1 - settings.Beta2));
        TVec c1 = TOps.Broadcast((float)settings.FirstCorrection);
        TVec c2 = TOps.Broadcast((float)settings.SecondCorrection);
        TVec rate = TOps.Broadcast((float)settings.LearningRate), eps = TOps.Broadcast((float)settings.Epsilon);
        int i = 0;
        for (; i <= value.Length - TOps.Count; i += TOps.Count)
        {
            TVec g = TOps.Load(ref g0, i);
            TVec mi = TOps.Add(TOps.Multiply(b1, TOps.Load(ref m0, i)), TOps.Multiply(a1, g));
            TVec vi = TOps.Add(TOps.Multiply(b2, TOps.Load(ref v0, i)), TOps.Multiply(a2, TOps.Multiply(g, g)));
            TVec denominator = TOps.Add(TOps.Sqrt(TOps.Divide(vi, c2)), eps);
            TVec step = TOps.Divide(TOps.Multiply(rate, TOps.Divide(mi, c1)), denominator);
            TOps.Store(mi, ref m0, i);
            TOps.Store(vi, ref v0, i);
            TOps.Store(TOps.Subtract(TOps.Load(ref p0, i), step), ref p0, i);
        }

        Tail(value, gradient, m, v, settings, i);
    }

    private static void Tail(Span<float> value, ReadOnlySpan<float> gradient, Span<float> m, Span<float> v,
        in AdamSettings settings, int start)
    {
        Check(value, gradient, m, v);
        float b1 = (float)settings.Beta1, a1 = (float)(1 - settings.Beta1);
        float b2 = (float)settings.Beta2, a2 = (float)(1 - settings.Beta2);
        float c1 = (float)settings.FirstCorrection, c2 = (float)settings.SecondCorrection;
        float rate = (float)settings.LearningRate, eps = (float)settings.Epsilon;
        for (int i = start; i < value.Length; i++)
        {
            float g = gradient[i];
            float mi = b1 * m[i] + a1 * g;
            float vi = b2 * v[i] + a2 * (g * g);
            m[i] = mi;
            v[i] = vi;
            value[i] -= rate * (mi / c1) / (MathF.Sqrt(vi / c2) + eps);
        }
    }

    private static void Check(Span<float> value, ReadOnlySpan<float> gradient, Span<float> m, Span<float> v)
    {
        if (gradient.Length != value.Length || m.Length != value.Length || v.Length != value.Length)
        {
            ThrowHelper.ShapeMismatch("AdamUpdate");
        }
    }
}
