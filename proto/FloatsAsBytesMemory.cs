using System.Buffers;
using System.Runtime.InteropServices;

namespace FermentEngine.Protos;

/// <summary>Presents a float32 array segment as its bytes in place (native byte order).</summary>
internal sealed class FloatsAsBytesMemory(ArraySegment<float> floats) : MemoryManager<byte>
{
    public override Span<byte> GetSpan() => MemoryMarshal.AsBytes(floats.AsSpan());

    public override unsafe MemoryHandle Pin(int elementIndex = 0)
    {
        var handle = GCHandle.Alloc(floats.Array, GCHandleType.Pinned);
        byte* start = (byte*)handle.AddrOfPinnedObject() + (floats.Offset * sizeof(float));
        return new MemoryHandle(start + elementIndex, handle);
    }

    public override void Unpin()
    {
        // Each handle from Pin frees its own GC handle.
    }

    protected override void Dispose(bool disposing)
    {
        // Nothing is owned: the array belongs to the caller.
    }
}
