using System.Buffers;

namespace FermentEngine.Engine.Backends.Cpu;

/// <summary>
/// A batch of convolution inputs split into stride phases with zero margins (pooled), and the offsets of every
/// (channel, tap) window into one sample of it; see <see cref="ConvIndexing.ForwardOffsets"/>.
/// </summary>
internal sealed class PhasedInput : IDisposable
{
    // alongside: optional per-sample work run in the same parallel task as that sample's split.
    public PhasedInput(CpuBackend backend, in Conv1dGeometry g, int batch, float[] input,
        Action<int>? alongside = null)
    {
        int lo = g.OutLength, margin = ConvIndexing.Margin(g), depth = g.InChannels * g.KernelSize;
        int inSample = g.InChannels * g.InLength, channels = g.InChannels, stride = g.Stride;
        SampleLength = stride * channels * ConvIndexing.PhaseRowLength(g);
        Values = ArrayPool<float>.Shared.Rent(batch * SampleLength);
        Offsets = ArrayPool<int>.Shared.Rent(depth);
        ConvIndexing.ForwardOffsets(g, Offsets.AsSpan(0, depth));
        float[] values = Values;
        int sample = SampleLength;
        backend.ForEach(batch, s =>
        {
            LayoutKernels.PhaseSplit(input.AsSpan(s * inSample, inSample), channels, stride, lo, margin,
                values.AsSpan(s * sample, sample));
            alongside?.Invoke(s);
        });
    }

    /// <summary>Floats per sample.</summary>
    public int SampleLength { get; }

    public float[] Values { get; }

    public int[] Offsets { get; }

    public void Dispose()
    {
        ArrayPool<float>.Shared.Return(Values);
        ArrayPool<int>.Shared.Return(Offsets);
    }
}
