using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FermentEngine.Engine.Backends.Cpu;

/// <summary>Sums in a fixed order: the squared-error loss with its gradient, and row sums for bias gradients.</summary>
internal static class ReductionKernels
{
    /// <summary>gradient = scale·(p − t); returns Σ (p − t)² accumulated lane-wise in float, lanes summed in
    /// double.
    /// </summary>
    public static double SquaredError(CpuIsa isa, ReadOnlySpan<float> prediction, ReadOnlySpan<float> target,
        Span<float> gradient, float scale) => isa switch
        {
            CpuIsa.Vector512 => SquaredErrorVector512(prediction, target, gradient, scale),
            CpuIsa.Vector256 => SquaredErrorVector256(prediction, target, gradient, scale),
            CpuIsa.Vector128 => SquaredErrorVector128(prediction, target, gradient, scale),
            _ => SquaredErrorScalar(prediction, target, gradient, scale),
        };

    /// <summary>Σ of one row, accumulated lane-wise then summed across lanes.</summary>
    public static float RowSum(CpuIsa isa, ReadOnlySpan<float> row) => isa switch
    {
        CpuIsa.Vector512 => RowSumVector512(row),
        CpuIsa.Vector256 => RowSumVector256(row),
        CpuIsa.Vector128 => RowSumVector128(row),
        _ => RowSumScalar(row),
    };

    public static double SquaredErrorScalar(ReadOnlySpan<float> prediction, ReadOnlySpan<float> target,
        Span<float> gradient, float scale) => SquaredErrorTail(prediction, target, gradient, scale, 0);

    public static double SquaredErrorVector128(ReadOnlySpan<float> prediction, ReadOnlySpan<float> target,
        Span<float> gradient, float scale) =>
        SquaredError<Vector128Ops, Vector128<float>>(prediction, target, gradient, scale);

    public static double SquaredErrorVector256(ReadOnlySpan<float> prediction, ReadOnlySpan<float> target,
        Span<float> gradient, float scale) =>
        SquaredError<Vector256Ops, Vector256<float>>(prediction, target, gradient, scale);

    public static double SquaredErrorVector512(ReadOnlySpan<float> prediction, ReadOnlySpan<float> target,
        Span<float> gradient, float scale) =>
        SquaredError<Vector512Ops, Vector512<float>>(prediction, target, gradient, scale);

    public static float RowSumScalar(ReadOnlySpan<float> row)
    {
        float sum = 0f;
        foreach (float x in row)
        {
            sum += x;
        }

        return sum;
    }

    public static float RowSumVector128(ReadOnlySpan<float> row) => RowSum<Vector128Ops, Vector128<float>>(row);

    public static float RowSumVector256(ReadOnlySpan<float> row) => RowSum<Vector256Ops, Vector256<float>>(row);

    public static float RowSumVector512(ReadOnlySpan<float> row) => RowSum<Vector512Ops, Vector512<float>>(row);

    private static double SquaredError<TOps, TVec>(ReadOnlySpan<float> prediction, ReadOnlySpan<float> target,
        Span<float> gradient, float scale)
        where TOps : struct, ISimdOps<TVec>
        where TVec : struct
    {
        Check(prediction, target, gradient);
        ref float p0 = ref MemoryMarshal.GetReference(prediction);
        ref float t0 = ref MemoryMarshal.GetReference(target);
        ref float g0 = ref MemoryMarshal.GetReference(gradient);
        TVec s = TOps.Broadcast(scale), acc = TOps.Zero;
        int i = 0;
        for (; i <= prediction.Length - TOps.Count; i += TOps.Count)
        {
            TVec d = TOps.Subtract(TOps.Load(ref p0, i), TOps.Load(ref t0, i));
            acc = TOps.MultiplyAdd(d, d, acc);
            TOps.Store(TOps.Multiply(d, s), ref g0, i);
        }

        return TOps.Sum(acc) + SquaredErrorTail(prediction, target, gradient, scale, i);
    }

    private static double SquaredErrorTail(ReadOnlySpan<float> prediction, ReadOnlySpan<float> target,
        Span<float> gradient, float scale, int start)
    {
        Check(prediction, target, gradient);
        double sum = 0;
        for (int i = start; i < prediction.Length; i++)
        {
            float d = prediction[i] - target[i];
            sum += d * d;
            gradient[i] = d * scale;
        }

        return sum;
    }

    private static float RowSum<TOps, TVec>(ReadOnlySpan<float> row)
        where TOps : struct, ISimdOps<TVec>
        where TVec : struct
    {
        ref float r0 = ref MemoryMarshal.GetReference(row);
        TVec acc = TOps.Zero;
        int i = 0;
        for (; i <= row.Length - TOps.Count; i += TOps.Count)
        {
            acc = TOps.Add(acc, TOps.Load(ref r0, i));
        }

        float sum = TOps.Sum(acc);
        for (; i < row.Length; i++)
        {
            sum += row[i];
        }

        return sum;
    }

    private static void Check(ReadOnlySpan<float> prediction, ReadOnlySpan<float> target, Span<float> gradient)
    {
        if (target.Length != prediction.Length || gradient.Length != prediction.Length)
        {
            ThrowHelper.ShapeMismatch("SquaredError");
        }
    }
}
