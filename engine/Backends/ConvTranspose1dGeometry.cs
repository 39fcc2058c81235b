namespace FermentEngine.Engine.Backends;

/// <summary>
/// Shape of one strided transposed 1-D convolution (the adjoint of <see cref="Conv1dGeometry"/>): input
/// [batch × InChannels × InLength], output [batch × OutChannels × InLength·Stride], weight
/// [InChannels × OutChannels × KernelSize], row-major, time contiguous. Input step t feeds output steps
/// Stride·t − Padding + k for k in 0 … KernelSize − 1.
/// </summary>
/// <param name="InChannels">Channels read (≥ 1).</param>
/// <param name="OutChannels">Channels written (≥ 1).</param>
/// <param name="KernelSize">Taps per channel pair; odd, ≥ 1.</param>
/// <param name="Stride">Upsampling factor (≥ 1).</param>
/// <param name="InLength">Input steps per sample (≥ 0).</param>
public readonly record struct ConvTranspose1dGeometry(
    int InChannels, int OutChannels, int KernelSize, int Stride, int InLength)
{
    /// <summary>Output steps per sample: InLength · Stride.</summary>
    public int OutLength => InLength * Stride;

    /// <summary>Floats in one weight tensor.</summary>
    public int WeightCount => InChannels * OutChannels * KernelSize;

    /// <summary>The convolution whose adjoint this is (its input is this layer's output).</summary>
    public Conv1dGeometry Adjoint => new(OutChannels, InChannels, KernelSize, Stride, InLength * Stride);

    /// <summary>Multiply-adds of one sample's forward pass.</summary>
    public long MultiplyAddsPerSample => Adjoint.MultiplyAddsPerSample;
}
