using System.Buffers;

namespace FermentEngine.Engine.Backends.Cpu;

/// <summary>
/// A batch of output gradients [batch × channels × length] copied to time-major [batch × length × Ldg] (pooled),
/// rows padded with zeros to <see cref="GradGemm.RowAlignment"/>, the layout <see cref="GradGemm"/> reads.
/// </summary>
internal sealed class TimeMajorGradient : IDisposable
{
    private readonly float[] _source;
    private readonly int _channels;
    private readonly int _length;

    public TimeMajorGradient(int batch, int channels, int length, float[] source)
    {
        _source = source;
        _channels = channels;
        _length = length;
        Ldg = (channels + GradGemm.RowAlignment - 1) / GradGemm.RowAlignment * GradGemm.RowAlignment;
        SampleLength = length * Ldg;
        Values = ArrayPool<float>.Shared.Rent(batch * SampleLength);
    }

    /// <summary>Distance between time steps.</summary>
    public int Ldg { get; }

    /// <summary>Floats per sample.</summary>
    public int SampleLength { get; }

    public float[] Values { get; }

    /// <summary>Copies sample <paramref name="sample"/>; samples are independent, so threads may fill them at once.
    /// </summary>
    public void Fill(int sample)
    {
        int count = _channels * _length;
        LayoutKernels.ToTimeMajorPadded(_source.AsSpan(sample * count, count), _length, _channels, Ldg,
            Values.AsSpan(sample * SampleLength, SampleLength));
    }

    public void Dispose() => ArrayPool<float>.Shared.Return(Values);
}
