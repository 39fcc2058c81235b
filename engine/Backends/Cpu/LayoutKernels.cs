namespace FermentEngine.Engine.Backends.Cpu;

/// <summary>Copies between layouts: time-major runs, channels-first activations, and stride phases.</summary>
/// <remarks>Memory-bound and linear in the element count, so scalar loops suffice.</remarks>
internal static class LayoutKernels
{
    /// <summary>[length × channels] → [channels × length] for one sample.</summary>
    public static void ToChannelsFirst(ReadOnlySpan<float> source, int length, int channels, Span<float> destination) =>
        TransposeKernels.Transpose(source, length, channels, channels, destination, length);

    /// <summary>[channels × length] → [length × channels] for one sample.</summary>
    public static void ToTimeMajor(ReadOnlySpan<float> source, int length, int channels, Span<float> destination) =>
        TransposeKernels.Transpose(source, channels, length, length, destination, channels);

    /// <summary>
    /// [channels × length] → [length × rowLength] for one sample, zero-filling columns channels … rowLength
    /// − 1.
    /// </summary>
    public static void ToTimeMajorPadded(
        ReadOnlySpan<float> source, int length, int channels, int rowLength, Span<float> destination)
    {
        TransposeKernels.Transpose(source, channels, length, length, destination, rowLength);
        for (int t = 0; t < length; t++)
        {
            destination.Slice(t * rowLength + channels, rowLength - channels).Clear();
        }
    }

    /// <summary>
    /// One sample [channels × stride·outLength] → [stride × channels × (outLength + 2·margin)]: phase r of
    /// channel c
    /// holds steps r, r + stride, … after <paramref name="margin"/> zeros, followed by as many zeros.
    /// </summary>
    public static void PhaseSplit(
        ReadOnlySpan<float> source, int channels, int stride, int outLength, int margin, Span<float> destination)
    {
        int rowLength = outLength + 2 * margin, inLength = outLength * stride;
        for (int r = 0; r < stride; r++)
        {
            for (int c = 0; c < channels; c++)
            {
                Span<float> row = destination.Slice((r * channels + c) * rowLength, rowLength);
                ReadOnlySpan<float> input = source.Slice(c * inLength, inLength);
                row[..margin].Clear();
                row[(margin + outLength)..].Clear();
                Span<float> body = row.Slice(margin, outLength);
                if (stride == 1)
                {
                    input.CopyTo(body);
                }
                else if (stride == 2)
                {
                    // Both phases of the channel at once; phase 1 is written when r == 0 and skipped at r == 1.
                    if (r == 0)
                    {
                        Span<float> odd = destination.Slice((channels + c) * rowLength + margin, outLength);
                        StrideKernels.Deinterleave2(input, body, odd);
                    }
                }
                else
                {
                    // TODO(#3): strides above 2 use this scalar gather; vectorise if such models become common.
                    for (int j = 0; j < body.Length; j++)
                    {
                        body[j] = input[j * stride + r];
                    }
                }
            }
        }
    }

    /// <summary>
    /// One sample [stride × channels × length] → [channels × stride·length], adding bias[c] (empty: none).
    /// </summary>
    public static void Interleave(
        ReadOnlySpan<float> source, int channels, int stride, int length, ReadOnlySpan<float> bias,
        Span<float> destination)
    {
        int outLength = length * stride;
        for (int c = 0; c < channels; c++)
        {
            float b = bias.IsEmpty ? 0f : bias[c];
            Span<float> output = destination.Slice(c * outLength, outLength);
            if (stride == 2)
            {
                ReadOnlySpan<float> even = source.Slice(c * length, length);
                StrideKernels.Interleave2(even, source.Slice((channels + c) * length, length), b, output);
                continue;
            }

            for (int r = 0; r < stride; r++)
            {
                ReadOnlySpan<float> phase = source.Slice((r * channels + c) * length, length);
                for (int j = 0; j < phase.Length; j++)
                {
                    output[j * stride + r] = phase[j] + b;
                }
            }
        }
    }
}
