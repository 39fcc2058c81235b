using System.Buffers;
using System.Runtime.InteropServices;

namespace FermentEngine.Protos;

/// <summary>Presents a byte buffer as float32 values in place (native byte order).</summary>
internal sealed class BytesAsFloatsMemory : MemoryManager<float>
{
    private readonly ReadOnlyMemory<byte> _bytes;

    public BytesAsFloatsMemory(ReadOnlyMemory<byte> bytes)
    {
        if (bytes.Length % sizeof(float) != 0)
        {
            throw new ArgumentException($"{bytes.Length} bytes are not a whole number of float32 values.",
                nameof(bytes));
        }

        _bytes = bytes;
    }

    public override Span<float> GetSpan() => MemoryMarshal.Cast<byte, float>(MemoryMarshal.AsMemory(_bytes).Span);

    public override MemoryHandle Pin(int elementIndex = 0) =>
        MemoryMarshal.AsMemory(_bytes)[(elementIndex * sizeof(float))..].Pin();

    public override void Unpin()
    {
        // Each handle from Pin unpins itself.
    }

    protected override void Dispose(bool disposing)
    {
        // Nothing is owned: the bytes belong to the message.
    }
}
