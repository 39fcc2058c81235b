using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FermentEngine.Engine.Backends.Cpu;

/// <summary><see cref="ISimdOps{TVec}"/> over Vector256&lt;float&gt;.</summary>
internal readonly struct Vector256Ops : ISimdOps<Vector256<float>>
{
    public static int Count => Vector256<float>.Count;

    public static bool IsSupported => Vector256.IsHardwareAccelerated;

    public static Vector256<float> Zero => Vector256<float>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Load(ref float source, nint offset) =>
        Vector256.LoadUnsafe(ref source, (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<float> value, ref float destination, nint offset) =>
        value.StoreUnsafe(ref destination, (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Broadcast(float value) => Vector256.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> MultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> c) =>
        Vector256.MultiplyAddEstimate(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Add(Vector256<float> a, Vector256<float> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Subtract(Vector256<float> a, Vector256<float> b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Multiply(Vector256<float> a, Vector256<float> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Divide(Vector256<float> a, Vector256<float> b) => a / b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Sqrt(Vector256<float> value) => Vector256.Sqrt(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Exp(Vector256<float> value) => Vector256.Exp(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> ExpNonPositive(Vector256<float> value)
    {
        Vector256<float> x = Vector256.Max(value, Vector256.Create(-87f));
        Vector256<float> n = Vector256.Round(x * Vector256.Create(1.44269504f));

        // ln 2 in two parts keeps r = x − n·ln 2 exact to float precision.
        Vector256<float> r = x - n * Vector256.Create(0.693145752f) - n * Vector256.Create(1.42860677e-6f);
        Vector256<float> p = Vector256.Create(1f / 720);
        p = p * r + Vector256.Create(1f / 120);
        p = p * r + Vector256.Create(1f / 24);
        p = p * r + Vector256.Create(1f / 6);
        p = p * r + Vector256.Create(0.5f);
        p = p * r + Vector256<float>.One;
        p = p * r + Vector256<float>.One;
        Vector256<int> exponent = Vector256.ShiftLeft(Vector256.ConvertToInt32(n) + Vector256.Create(127), 23);
        return p * exponent.AsSingle();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Min(Vector256<float> a, Vector256<float> b) => Vector256.Min(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> SelectPositive(
        Vector256<float> value, Vector256<float> ifPositive, Vector256<float> otherwise) =>
        Vector256.ConditionalSelect(Vector256.GreaterThan(value, Vector256<float>.Zero), ifPositive, otherwise);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> KeepLast(Vector256<float> value, int keep)
    {
        // Lane i survives when i >= Count - keep; the lane index vector is compared once per call.
        Vector256<int> lanes = Vector256<int>.Indices;
        Vector256<int> first = Vector256.Create(Vector256<float>.Count - keep);
        return value & Vector256.GreaterThanOrEqual(lanes, first).AsSingle();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(Vector256<float> value) => Vector256.Sum(value);
}
