using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FermentEngine.Engine.Backends.Cpu;

/// <summary><see cref="ISimdOps{TVec}"/> over Vector128&lt;float&gt;.</summary>
internal readonly struct Vector128Ops : ISimdOps<Vector128<float>>
{
    public static int Count => Vector128<float>.Count;

    public static bool IsSupported => Vector128.IsHardwareAccelerated;

    public static Vector128<float> Zero => Vector128<float>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Load(ref float source, nint offset) =>
        Vector128.LoadUnsafe(ref source, (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector128<float> value, ref float destination, nint offset) =>
        value.StoreUnsafe(ref destination, (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Broadcast(float value) => Vector128.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> MultiplyAdd(Vector128<float> a, Vector128<float> b, Vector128<float> c) =>
        Vector128.MultiplyAddEstimate(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Add(Vector128<float> a, Vector128<float> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Subtract(Vector128<float> a, Vector128<float> b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Multiply(Vector128<float> a, Vector128<float> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Divide(Vector128<float> a, Vector128<float> b) => a / b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Sqrt(Vector128<float> value) => Vector128.Sqrt(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Exp(Vector128<float> value) => Vector128.Exp(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> ExpNonPositive(Vector128<float> value)
    {
        Vector128<float> x = Vector128.Max(value, Vector128.Create(-87f));
        Vector128<float> n = Vector128.Round(x * Vector128.Create(1.44269504f));

        // ln 2 in two parts keeps r = x − n·ln 2 exact to float precision.
        Vector128<float> r = x - n * Vector128.Create(0.693145752f) - n * Vector128.Create(1.42860677e-6f);
        Vector128<float> p = Vector128.Create(1f / 720);
        p = p * r + Vector128.Create(1f / 120);
        p = p * r + Vector128.Create(1f / 24);
        p = p * r + Vector128.Create(1f / 6);
        p = p * r + Vector128.Create(0.5f);
        p = p * r + Vector128<float>.One;
        p = p * r + Vector128<float>.One;
        Vector128<int> exponent = Vector128.ShiftLeft(Vector128.ConvertToInt32(n) + Vector128.Create(127), 23);
        return p * exponent.AsSingle();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Min(Vector128<float> a, Vector128<float> b) => Vector128.Min(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> SelectPositive(
        Vector128<float> value, Vector128<float> ifPositive, Vector128<float> otherwise) =>
        Vector128.ConditionalSelect(Vector128.GreaterThan(value, Vector128<float>.Zero), ifPositive, otherwise);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> KeepLast(Vector128<float> value, int keep)
    {
        // Lane i survives when i >= Count - keep; the lane index vector is compared once per call.
        Vector128<int> lanes = Vector128<int>.Indices;
        Vector128<int> first = Vector128.Create(Vector128<float>.Count - keep);
        return value & Vector128.GreaterThanOrEqual(lanes, first).AsSingle();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(Vector128<float> value) => Vector128.Sum(value);
}
