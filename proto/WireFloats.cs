using System.Runtime.InteropServices;
using Google.Protobuf;

namespace FermentEngine.Protos;

/// <summary>
/// Converts between float32 buffers and the little-endian <c>bytes</c> fields of the wire contract without
/// copying where the machine is little-endian.
/// </summary>
public static class WireFloats
{
    /// <summary>Views the bytes as float32 in place; the result shares the message's buffer, so it stays
    /// valid as long as the message is referenced. On a big-endian machine the values are copied.</summary>
    /// <exception cref="ArgumentException">The length is not a multiple of 4.</exception>
    public static ReadOnlyMemory<float> AsFloats(ByteString bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length % sizeof(float) != 0)
        {
            throw new ArgumentException($"{bytes.Length} bytes are not a whole number of float32 values.",
                nameof(bytes));
        }

        if (bytes.Length == 0)
        {
            return ReadOnlyMemory<float>.Empty;
        }

        if (!BitConverter.IsLittleEndian)
        {
            return CopySwapped(bytes.Span);
        }

        return new BytesAsFloatsMemory(bytes.Memory).Memory;
    }

    /// <summary>Wraps float32 values as a <c>bytes</c> field without copying them where the machine is
    /// little-endian and the values live in an array; the caller must not change them until the message has
    /// been sent.</summary>
    public static ByteString Wrap(ReadOnlyMemory<float> values)
    {
        if (values.IsEmpty)
        {
            return ByteString.Empty;
        }

        if (BitConverter.IsLittleEndian && MemoryMarshal.TryGetArray(values, out ArraySegment<float> segment))
        {
            return UnsafeByteOperations.UnsafeWrap(new FloatsAsBytesMemory(segment).Memory);
        }

        return ByteString.CopyFrom(ToLittleEndianBytes(values.Span));
    }

    private static float[] CopySwapped(ReadOnlySpan<byte> bytes)
    {
        var values = new float[bytes.Length / sizeof(float)];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = BitConverter.Int32BitsToSingle(
                System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(bytes.Slice(i * sizeof(float))));
        }

        return values;
    }

    private static byte[] ToLittleEndianBytes(ReadOnlySpan<float> values)
    {
        var bytes = new byte[values.Length * sizeof(float)];
        for (int i = 0; i < values.Length; i++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), values[i]);
        }

        return bytes;
    }
}
