using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FermentEngine.Engine.Backends.Cpu;

/// <summary><see cref="ISimdOps{TVec}"/> over Vector512&lt;float&gt;.</summary>
internal readonly struct Vector512Ops : ISimdOps<Vector512<float>>
{
    public static int Count => Vector512<float>.Count;

    public static bool IsSupported => Vector512.IsHardwareAccelerated;

    public static Vector512<float> Zero => Vector512<float>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Load(ref float source, nint offset) =>
        Vector512.LoadUnsafe(ref source, (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<float> value, ref float destination, nint offset) =>
        value.StoreUnsafe(ref destination, (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Broadcast(float value) => Vector512.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> MultiplyAdd(Vector512<float> a, Vector512<float> b, Vector512<float> c) =>
        Vector512.MultiplyAddEstimate(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Add(Vector512<float> a, Vector512<float> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Subtract(Vector512<float> a, Vector512<float> b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Multiply(Vector512<float> a, Vector512<float> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Divide(Vector512<float> a, Vector512<float> b) => a / b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Sqrt(Vector512<float> value) => Vector512.Sqrt(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Exp(Vector512<float> value) => Vector512.Exp(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> ExpNonPositive(Vector512<float> value)
    {
        Vector512<float> x = Vector512.Max(value, Vector512.Create(-87f));
        Vector512<float> n = Vector512.Round(x * Vector512.Create(1.44269504f));

        // ln 2 in two parts keeps r = x − n·ln 2 exact to float precision.
        Vector512<float> r = x - n * Vector512.Create(0.693145752f) - n * Vector512.Create(1.42860677e-6f);
        Vector512<float> p = Vector512.Create(1f / 720);
        p = p * r + Vector512.Create(1f / 120);
        p = p * r + Vector512.Create(1f / 24);
        p = p * r + Vector512.Create(1f / 6);
        p = p * r + Vector512.Create(0.5f);
        p = p * r + Vector512<float>.One;
        p = p * r + Vector512<float>.One;
        Vector512<int> exponent = Vector512.ShiftLeft(Vector512.ConvertToInt32(n) + Vector512.Create(127), 23);
        return p * exponent.AsSingle();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Min(Vector512<float> a, Vector512<float> b) => Vector512.Min(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> SelectPositive(
        Vector512<float> value, Vector512<float> ifPositive, Vector512<float> otherwise) =>
        Vector512.ConditionalSelect(Vector512.GreaterThan(value, Vector512<float>.Zero), ifPositive, otherwise);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> KeepLast(Vector512<float> value, int keep)
    {
        // Lane i survives when i >= Count - keep; the lane index vector is compared once per call.
        Vector512<int> lanes = Vector512<int>.Indices;
        Vector512<int> first = Vector512.Create(Vector512<float>.Count - keep);
        return value & Vector512.GreaterThanOrEqual(lanes, first).AsSingle();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(Vector512<float> value) => Vector512.Sum(value);
}
