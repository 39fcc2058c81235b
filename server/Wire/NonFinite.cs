using System.Numerics;
using System.Runtime.InteropServices;

namespace FermentEngine.Server.Wire;

/// <summary>Finds values that a request may not carry, by their bit patterns, a vector at a time.</summary>
internal static class NonFinite
{
    private const uint ExponentMask = 0x7F80_0000u;
    private const uint MagnitudeMask = 0x7FFF_FFFFu;

    /// <summary>Index of the first infinity (and, unless <paramref name="allowNaN"/>, the first NaN), or -1.</summary>
    public static int IndexOfDisallowed(ReadOnlySpan<float> values, bool allowNaN)
    {
        ReadOnlySpan<uint> bits = MemoryMarshal.Cast<float, uint>(values);

        // Infinity alone has all exponent bits and no mantissa; NaN has a mantissa too.
        uint mask = allowNaN ? MagnitudeMask : ExponentMask;
        int i = 0;
        if (Vector.IsHardwareAccelerated && bits.Length >= Vector<uint>.Count)
        {
            var maskVector = new Vector<uint>(mask);
            var exponent = new Vector<uint>(ExponentMask);
            for (; i <= bits.Length - Vector<uint>.Count; i += Vector<uint>.Count)
            {
                if (Vector.EqualsAny(new Vector<uint>(bits[i..]) & maskVector, exponent))
                {
                    break;
                }
            }
        }

        for (; i < bits.Length; i++) // the vector that matched, or the tail
        {
            if ((bits[i] & mask) == ExponentMask)
            {
                return i;
            }
        }

        return -1;
    }
}
