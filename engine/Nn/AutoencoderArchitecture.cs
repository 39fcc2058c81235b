namespace FermentEngine.Engine.Nn;

/// <summary>
/// Shape of a <see cref="ConvAutoencoder"/>: one strided convolution per entry of <paramref name="Widths"/> going
/// down (each followed by ELU), mirrored by strided transposed convolutions going up (ELU after all but the last),
/// the last one back to <paramref name="ChannelCount"/> channels with no activation. Padding is "same", so lengths
/// map exactly L → L/Stride → … → L/Downsampling → … → L.
/// </summary>
/// <param name="ChannelCount">Channels of the modelled series (≥ 1).</param>
/// <param name="Widths">Channels after each encoder layer, outermost first (at least one, each ≥ 1).</param>
/// <param name="KernelSize">Taps of every convolution; odd, ≥ 1 (default 5).</param>
/// <param name="Stride">Down/upsampling factor of every layer, ≥ 1 (default 2).</param>
/// <remarks>Equality compares <paramref name="Widths"/> by reference, as for any record.</remarks>
public sealed record AutoencoderArchitecture(
    int ChannelCount, IReadOnlyList<int> Widths, int KernelSize = 5, int Stride = 2)
{
    /// <summary>Stride^Widths.Count: lengths passed to Forward and TrainStep must be multiples of it.</summary>
    /// <exception cref="OverflowException">The product does not fit an int.</exception>
    public int Downsampling
    {
        get
        {
            int product = 1;
            for (int i = 0; i < (Widths?.Count ?? 0); i++)
            {
                product = checked(product * Stride);
            }

            return product;
        }
    }

    /// <summary>Throws when a field is out of range.</summary>
    /// <exception cref="ArgumentException">Widths is null or empty, or a count is out of range.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ChannelCount, 1, nameof(ChannelCount));
        ArgumentNullException.ThrowIfNull(Widths, nameof(Widths));
        if (Widths.Count == 0)
        {
            throw new ArgumentException("At least one encoder width is required, e.g. [32, 32, 48].", nameof(Widths));
        }

        foreach (int width in Widths)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(width, 1, nameof(Widths));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(KernelSize, 1, nameof(KernelSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(Stride, 1, nameof(Stride));
        if (KernelSize % 2 == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(KernelSize), KernelSize, "Kernel size must be odd.");
        }

        _ = Downsampling;
    }
}
