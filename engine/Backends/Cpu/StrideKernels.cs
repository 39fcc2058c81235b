using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FermentEngine.Engine.Backends.Cpu;

/// <summary>Stride-2 de-interleave and interleave of one row, the common case of the phase layout.</summary>
internal static class StrideKernels
{
    /// <summary>even[j] = source[2j], odd[j] = source[2j + 1] for j &lt; even.Length.</summary>
    public static void Deinterleave2(ReadOnlySpan<float> source, Span<float> even, Span<float> odd)
    {
        if (Vector256.IsHardwareAccelerated)
        {
            Deinterleave2Vector256(source, even, odd);
        }
        else
        {
            Deinterleave2Scalar(source, even, odd);
        }
    }

    /// <summary>destination[2j] = even[j] + bias, destination[2j + 1] = odd[j] + bias for j &lt; even.Length.</summary>
    public static void Interleave2(ReadOnlySpan<float> even, ReadOnlySpan<float> odd, float bias,
        Span<float> destination)
    {
        if (Vector256.IsHardwareAccelerated)
        {
            Interleave2Vector256(even, odd, bias, destination);
        }
        else
        {
            Interleave2Scalar(even, odd, bias, destination);
        }
    }

    public static void Deinterleave2Scalar(ReadOnlySpan<float> source, Span<float> even, Span<float> odd) =>
        DeinterleaveTail(source, even, odd, 0);

    public static void Interleave2Scalar(ReadOnlySpan<float> even, ReadOnlySpan<float> odd, float bias,
        Span<float> destination) => InterleaveTail(even, odd, bias, destination, 0);

    public static void Deinterleave2Vector256(ReadOnlySpan<float> source, Span<float> even, Span<float> odd)
    {
        int n = Check(source.Length, even.Length, odd.Length);
        ref float s = ref MemoryMarshal.GetReference(source);
        ref float e = ref MemoryMarshal.GetReference(even);
        ref float o = ref MemoryMarshal.GetReference(odd);
        Vector256<int> split = Vector256.Create(0, 2, 4, 6, 1, 3, 5, 7);
        int j = 0;
        for (; j <= n - 8; j += 8)
        {
            Vector256<float> a = Vector256.Shuffle(Vector256.LoadUnsafe(ref s, (nuint)(2 * j)), split);
            Vector256<float> b = Vector256.Shuffle(Vector256.LoadUnsafe(ref s, (nuint)(2 * j + 8)), split);
            Vector256.Create(a.GetLower(), b.GetLower()).StoreUnsafe(ref e, (nuint)j);
            Vector256.Create(a.GetUpper(), b.GetUpper()).StoreUnsafe(ref o, (nuint)j);
        }

        DeinterleaveTail(source, even, odd, j);
    }

    public static void Interleave2Vector256(ReadOnlySpan<float> even, ReadOnlySpan<float> odd, float bias,
        Span<float> destination)
    {
        int n = Check(destination.Length, even.Length, odd.Length);
        ref float d = ref MemoryMarshal.GetReference(destination);
        ref float e = ref MemoryMarshal.GetReference(even);
        ref float o = ref MemoryMarshal.GetReference(odd);
        Vector256<int> merge = Vector256.Create(0, 4, 1, 5, 2, 6, 3, 7);
        Vector256<float> b = Vector256.Create(bias);
        int j = 0;
        for (; j <= n - 8; j += 8)
        {
            Vector256<float> ev = Vector256.LoadUnsafe(ref e, (nuint)j) + b;
            Vector256<float> ov = Vector256.LoadUnsafe(ref o, (nuint)j) + b;
            Vector256.Shuffle(Vector256.Create(ev.GetLower(), ov.GetLower()), merge)
                .StoreUnsafe(ref d, (nuint)(2 * j));
            Vector256.Shuffle(Vector256.Create(ev.GetUpper(), ov.GetUpper()), merge)
                .StoreUnsafe(ref d, (nuint)(2 * j + 8));
        }

        InterleaveTail(even, odd, bias, destination, j);
    }

    private static void DeinterleaveTail(ReadOnlySpan<float> source, Span<float> even, Span<float> odd, int start)
    {
        int n = Check(source.Length, even.Length, odd.Length);
        for (int j = start; j < n; j++)
        {
            even[j] = source[2 * j];
            odd[j] = source[2 * j + 1];
        }
    }

    private static void InterleaveTail(ReadOnlySpan<float> even, ReadOnlySpan<float> odd, float bias,
        Span<float> destination, int start)
    {
        int n = Check(destination.Length, even.Length, odd.Length);
        for (int j = start; j < n; j++)
        {
            destination[2 * j] = even[j] + bias;
            destination[2 * j + 1] = odd[j] + bias;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Check(int wide, int even, int odd)
    {
        if (even != odd || wide < 2 * even)
        {
            ThrowHelper.ShapeMismatch(nameof(StrideKernels));
        }

        return even;
    }
}
