using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FermentEngine.Engine.Backends.Cpu;

/// <summary>
/// destination[c·destinationStride + r] = source[r·sourceStride + c] for r &lt; rows, c &lt; columns: the layout
/// change between time-major and channels-first data.
/// </summary>
internal static class TransposeKernels
{
    public static void Transpose(ReadOnlySpan<float> source, int rows, int columns, int sourceStride,
        Span<float> destination, int destinationStride)
    {
        if (Avx.IsSupported)
        {
            TransposeAvx(source, rows, columns, sourceStride, destination, destinationStride);
        }
        else
        {
            TransposeScalar(source, rows, columns, sourceStride, destination, destinationStride);
        }
    }

    public static void TransposeScalar(ReadOnlySpan<float> source, int rows, int columns, int sourceStride,
        Span<float> destination, int destinationStride)
    {
        Check(source.Length, rows, columns, sourceStride, destination.Length, destinationStride);
        Edges(source, 0, rows, 0, columns, sourceStride, destination, destinationStride);
    }

    /// <summary>8 × 8 blocks through AVX unpack, shuffle and lane permutes; edges fall back to scalar copies.
    /// </summary>
    public static void TransposeAvx(ReadOnlySpan<float> source, int rows, int columns, int sourceStride,
        Span<float> destination, int destinationStride)
    {
        if (!Avx.IsSupported)
        {
            TransposeScalar(source, rows, columns, sourceStride, destination, destinationStride);
            return;
        }

        Check(source.Length, rows, columns, sourceStride, destination.Length, destinationStride);
        ref float s = ref MemoryMarshal.GetReference(source);
        ref float d = ref MemoryMarshal.GetReference(destination);
        int rows8 = rows & ~7, columns8 = columns & ~7;
        for (int r = 0; r < rows8; r += 8)
        {
            for (int c = 0; c < columns8; c += 8)
            {
                Block8x8(ref Unsafe.Add(ref s, (nint)r * sourceStride + c), sourceStride,
                    ref Unsafe.Add(ref d, (nint)c * destinationStride + r), destinationStride);
            }
        }

        Edges(source, 0, rows8, columns8, columns, sourceStride, destination, destinationStride);
        Edges(source, rows8, rows, 0, columns, sourceStride, destination, destinationStride);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block8x8(ref float s, nint ss, ref float d, nint ds)
    {
        Vector256<float> r0 = Vector256.LoadUnsafe(ref s), r1 = Vector256.LoadUnsafe(ref s, (nuint)ss);
        Vector256<float> r2 = Vector256.LoadUnsafe(ref s, (nuint)(2 * ss));
        Vector256<float> r3 = Vector256.LoadUnsafe(ref s, (nuint)(3 * ss));
        Vector256<float> r4 = Vector256.LoadUnsafe(ref s, (nuint)(4 * ss));
        Vector256<float> r5 = Vector256.LoadUnsafe(ref s, (nuint)(5 * ss));
        Vector256<float> r6 = Vector256.LoadUnsafe(ref s, (nuint)(6 * ss));
        Vector256<float> r7 = Vector256.LoadUnsafe(ref s, (nuint)(7 * ss));

        // Pairs of rows interleaved, then pairs of pairs, then the 128-bit halves exchanged.
        Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1);
        Vector256<float> t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
        Vector256<float> t4 = Avx.UnpackLow(r4, r5), t5 = Avx.UnpackHigh(r4, r5);
        Vector256<float> t6 = Avx.UnpackLow(r6, r7), t7 = Avx.UnpackHigh(r6, r7);
        Vector256<float> u0 = Avx.Shuffle(t0, t2, 0x44), u1 = Avx.Shuffle(t0, t2, 0xEE);
        Vector256<float> u2 = Avx.Shuffle(t1, t3, 0x44), u3 = Avx.Shuffle(t1, t3, 0xEE);
        Vector256<float> u4 = Avx.Shuffle(t4, t6, 0x44), u5 = Avx.Shuffle(t4, t6, 0xEE);
        Vector256<float> u6 = Avx.Shuffle(t5, t7, 0x44), u7 = Avx.Shuffle(t5, t7, 0xEE);
        Avx.Permute2x128(u0, u4, 0x20).StoreUnsafe(ref d);
        Avx.Permute2x128(u1, u5, 0x20).StoreUnsafe(ref d, (nuint)ds);
        Avx.Permute2x128(u2, u6, 0x20).StoreUnsafe(ref d, (nuint)(2 * ds));
        Avx.Permute2x128(u3, u7, 0x20).StoreUnsafe(ref d, (nuint)(3 * ds));
        Avx.Permute2x128(u0, u4, 0x31).StoreUnsafe(ref d, (nuint)(4 * ds));
        Avx.Permute2x128(u1, u5, 0x31).StoreUnsafe(ref d, (nuint)(5 * ds));
        Avx.Permute2x128(u2, u6, 0x31).StoreUnsafe(ref d, (nuint)(6 * ds));
        Avx.Permute2x128(u3, u7, 0x31).StoreUnsafe(ref d, (nuint)(7 * ds));
    }

    private static void Edges(ReadOnlySpan<float> source, int r0, int r1, int c0, int c1, int sourceStride,
        Span<float> destination, int destinationStride)
    {
        for (int r = r0; r < r1; r++)
        {
            ReadOnlySpan<float> row = source.Slice(r * sourceStride, c1);
            for (int c = c0; c < c1; c++)
            {
                destination[c * destinationStride + r] = row[c];
            }
        }
    }

    private static void Check(int sourceLength, int rows, int columns, int sourceStride, int destinationLength,
        int destinationStride)
    {
        if (rows == 0 || columns == 0)
        {
            return;
        }

        if (sourceStride < columns || destinationStride < rows
            || (long)(rows - 1) * sourceStride + columns > sourceLength
            || (long)(columns - 1) * destinationStride + rows > destinationLength)
        {
            ThrowHelper.ShapeMismatch(nameof(TransposeKernels));
        }
    }
}
