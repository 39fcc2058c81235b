namespace FermentEngine.Engine.Backends.Cpu;

/// <summary>
/// Maps each convolution pass onto <see cref="RowGemm"/> / <see cref="GradGemm"/> operands: the stride phases of
/// the input (or the zero-padded output gradient) are laid out so that every (channel, tap) pair reads one
/// contiguous window, whose start is its offset.
/// </summary>
internal static class ConvIndexing
{
    /// <summary>Zeros on each side of a phase row: ⌈padding / stride⌉.</summary>
    public static int Margin(in Conv1dGeometry g) => (g.Padding + g.Stride - 1) / g.Stride;

    /// <summary>Floats in one phase row: OutLength + 2·margin.</summary>
    public static int PhaseRowLength(in Conv1dGeometry g) => g.OutLength + 2 * Margin(g);

    /// <summary>
    /// offsets[ci·K + k] into one sample of the phase-split input, so that output step t of any output channel reads
    /// input (ci, Stride·t + k − Padding) at offsets[ci·K + k] + t.
    /// </summary>
    public static void ForwardOffsets(in Conv1dGeometry g, Span<int> offsets)
    {
        int margin = Margin(g), rowLength = PhaseRowLength(g);
        for (int ci = 0; ci < g.InChannels; ci++)
        {
            for (int k = 0; k < g.KernelSize; k++)
            {
                int d = k - g.Padding;
                int q = FloorDiv(d, g.Stride), r = d - q * g.Stride;
                offsets[ci * g.KernelSize + k] = (r * g.InChannels + ci) * rowLength + margin + q;
            }
        }
    }

    /// <summary>Taps reaching input phase <paramref name="phase"/>: k with (phase + Padding − k) mod Stride = 0.
    /// </summary>
    public static int TapCount(in Conv1dGeometry g, int phase)
    {
        int count = 0;
        for (int k = 0; k < g.KernelSize; k++)
        {
            count += (phase + g.Padding - k) % g.Stride == 0 ? 1 : 0;
        }

        return count;
    }

    /// <summary>
    /// For input phase <paramref name="phase"/>: weights[ci·depth + co·n + i] = W[co, ci, k_i] and
    /// offsets[co·n + i] into the zero-padded output gradient [OutChannels × PhaseRowLength], so that
    /// gradInput[ci, Stride·j + phase] = Σ weights · window at offsets + j. Returns depth = OutChannels·n.
    /// </summary>
    public static int BackwardDataPlan(
        in Conv1dGeometry g, ReadOnlySpan<float> weight, int phase, Span<float> weights, Span<int> offsets)
    {
        int n = TapCount(g, phase), depth = g.OutChannels * n;
        int margin = Margin(g), rowLength = PhaseRowLength(g), k0 = 0;
        for (int i = 0; i < n; i++, k0++)
        {
            while ((phase + g.Padding - k0) % g.Stride != 0)
            {
                k0++;
            }

            int shift = (phase + g.Padding - k0) / g.Stride;
            for (int co = 0; co < g.OutChannels; co++)
            {
                offsets[co * n + i] = co * rowLength + margin + shift;
                for (int ci = 0; ci < g.InChannels; ci++)
                {
                    weights[ci * depth + co * n + i] = weight[(co * g.InChannels + ci) * g.KernelSize + k0];
                }
            }
        }

        return depth;
    }

    private static int FloorDiv(int a, int b) => a >= 0 ? a / b : -((-a + b - 1) / b);
}
