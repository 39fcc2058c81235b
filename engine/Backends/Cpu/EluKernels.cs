using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FermentEngine.Engine.Backends.Cpu;

/// <summary>ELU with α = 1, forward in place and backward from the forward output.</summary>
/// <remarks>Vector variants use <see cref="ISimdOps{TVec}.ExpNonPositive"/>; the scalar loop and the tail use
/// MathF.Exp, so results differ from Scalar by up to about 2·10⁻⁷ absolute.</remarks>
internal static class EluKernels
{
    public static void Forward(CpuIsa isa, Span<float> values)
    {
        switch (isa)
        {
            case CpuIsa.Vector512: EluForwardVector512(values); break;
            case CpuIsa.Vector256: EluForwardVector256(values); break;
            case CpuIsa.Vector128: EluForwardVector128(values); break;
            default: EluForwardScalar(values); break;
        }
    }

    public static void Backward(CpuIsa isa, ReadOnlySpan<float> output, Span<float> gradient)
    {
        switch (isa)
        {
            case CpuIsa.Vector512: EluBackwardVector512(output, gradient); break;
            case CpuIsa.Vector256: EluBackwardVector256(output, gradient); break;
            case CpuIsa.Vector128: EluBackwardVector128(output, gradient); break;
            default: EluBackwardScalar(output, gradient); break;
        }
    }

    public static void EluForwardScalar(Span<float> values) => ForwardTail(values, 0);

    public static void EluForwardVector128(Span<float> values) => Forward<Vector128Ops, Vector128<float>>(values);

    public static void EluForwardVector256(Span<float> values) => Forward<Vector256Ops, Vector256<float>>(values);

    public static void EluForwardVector512(Span<float> values) => Forward<Vector512Ops, Vector512<float>>(values);

    public static void EluBackwardScalar(ReadOnlySpan<float> output, Span<float> gradient) =>
        BackwardTail(output, gradient, CheckedLength(output, gradient));

    public static void EluBackwardVector128(ReadOnlySpan<float> output, Span<float> gradient) =>
        Backward<Vector128Ops, Vector128<float>>(output, gradient);

    public static void EluBackwardVector256(ReadOnlySpan<float> output, Span<float> gradient) =>
        Backward<Vector256Ops, Vector256<float>>(output, gradient);

    public static void EluBackwardVector512(ReadOnlySpan<float> output, Span<float> gradient) =>
        Backward<Vector512Ops, Vector512<float>>(output, gradient);

    private static void Forward<TOps, TVec>(Span<float> values)
        where TOps : struct, ISimdOps<TVec>
        where TVec : struct
    {
        ref float head = ref MemoryMarshal.GetReference(values);
        TVec one = TOps.Broadcast(1f);
        int i = 0;
        for (; i <= values.Length - TOps.Count; i += TOps.Count)
        {
            TVec x = TOps.Load(ref head, i);
            TVec negative = TOps.Subtract(TOps.ExpNonPositive(TOps.Min(x, TOps.Zero)), one);
            TOps.Store(TOps.SelectPositive(x, x, negative), ref head, i);
        }

        ForwardTail(values, i);
    }

    private static void Backward<TOps, TVec>(ReadOnlySpan<float> output, Span<float> gradient)
        where TOps : struct, ISimdOps<TVec>
        where TVec : struct
    {
        int length = CheckedLength(output, gradient);
        ref float y0 = ref MemoryMarshal.GetReference(output);
        ref float g0 = ref MemoryMarshal.GetReference(gradient);
        TVec one = TOps.Broadcast(1f);
        int i = 0;
        for (; i <= length - TOps.Count; i += TOps.Count)
        {
            TVec y = TOps.Load(ref y0, i);
            TVec slope = TOps.SelectPositive(y, one, TOps.Add(y, one));
            TOps.Store(TOps.Multiply(TOps.Load(ref g0, i), slope), ref g0, i);
        }

        BackwardTail(output, gradient, length, i);
    }

    private static void ForwardTail(Span<float> values, int start)
    {
        for (int i = start; i < values.Length; i++)
        {
            float x = values[i];
            values[i] = x > 0f ? x : MathF.Exp(MathF.Min(x, 0f)) - 1f;
        }
    }

    private static void BackwardTail(ReadOnlySpan<float> output, Span<float> gradient, int length, int start = 0)
    {
        for (int i = start; i < length; i++)
        {
            float y = output[i];
            gradient[i] *= y > 0f ? 1f : y + 1f;
        }
    }

    private static int CheckedLength(ReadOnlySpan<float> output, Span<float> gradient)
    {
        if (output.Length != gradient.Length)
        {
            ThrowHelper.ShapeMismatch("EluBackward");
        }

        return output.Length;
    }
}
