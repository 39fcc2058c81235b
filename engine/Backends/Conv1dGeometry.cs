namespace FermentEngine.Engine.Backends;

/// <summary>
/// Shape of one strided 1-D convolution with "same" zero padding: input [batch × InChannels × InLength],
/// output [batch × OutChannels × InLength/Stride], weight [OutChannels × InChannels × KernelSize], all row-major
/// with time contiguous. Output step t reads input steps Stride·t − Padding … Stride·t − Padding +
/// KernelSize − 1.
/// </summary>
/// <param name="InChannels">Channels read (≥ 1).</param>
/// <param name="OutChannels">Channels written (≥ 1).</param>
/// <param name="KernelSize">Taps per channel pair; odd, ≥ 1.</param>
/// <param name="Stride">Downsampling factor (≥ 1).</param>
/// <param name="InLength">Input steps per sample; a multiple of <paramref name="Stride"/>.</param>
public readonly record struct Conv1dGeometry(int InChannels, int OutChannels, int KernelSize, int Stride, int InLength)
{
    /// <summary>Output steps per sample: InLength / Stride.</summary>
    public int OutLength => InLength / Stride;

    /// <summary>Zero padding before the first step: (KernelSize − 1) / 2.</summary>
    public int Padding => (KernelSize - 1) / 2;

    /// <summary>Floats in one weight tensor.</summary>
    public int WeightCount => OutChannels * InChannels * KernelSize;

    /// <summary>Multiply-adds of one sample's forward pass (backward data and backward weights cost the same).
    /// </summary>
    public long MultiplyAddsPerSample => (long)OutChannels * InChannels * KernelSize * OutLength;

    /// <exception cref="ArgumentOutOfRangeException">A field is out of range, or InLength is not a Stride multiple.
    /// </exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(InChannels, 1, nameof(InChannels));
        ArgumentOutOfRangeException.ThrowIfLessThan(OutChannels, 1, nameof(OutChannels));
        ArgumentOutOfRangeException.ThrowIfLessThan(KernelSize, 1, nameof(KernelSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(Stride, 1, nameof(Stride));
        ArgumentOutOfRangeException.ThrowIfNegative(InLength, nameof(InLength));
        if (KernelSize % 2 == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(KernelSize), KernelSize, "Kernel size must be odd.");
        }

        if (InLength % Stride != 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(InLength), InLength, $"Input length must be a multiple of the stride {Stride}.");
        }
    }
}
