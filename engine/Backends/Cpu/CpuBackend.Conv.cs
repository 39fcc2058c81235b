using System.Buffers;

namespace FermentEngine.Engine.Backends.Cpu;

/// <summary>Convolution passes, each mapped onto <see cref="RowGemm"/> or <see cref="GradGemm"/>.</summary>
public sealed partial class CpuBackend
{
    /// <inheritdoc />
    public void Conv1dForward(in Conv1dGeometry geometry, int batch, BackendBuffer input, BackendBuffer weight,
        BackendBuffer bias, BackendBuffer output)
    {
        Conv1dGeometry g = Checked(geometry, batch);
        float[] x = Cpu(input, nameof(input), (long)batch * g.InChannels * g.InLength).Array;
        float[] w = Cpu(weight, nameof(weight), g.WeightCount).Array;
        float[] b = Cpu(bias, nameof(bias), g.OutChannels).Array;
        float[] y = Cpu(output, nameof(output), (long)batch * g.OutChannels * g.OutLength).Array;
        ForwardCore(g, batch, x, w, b, y);
    }

    /// <inheritdoc />
    public void Conv1dBackwardData(in Conv1dGeometry geometry, int batch, BackendBuffer gradOutput,
        BackendBuffer weight, BackendBuffer gradInput)
    {
        Conv1dGeometry g = Checked(geometry, batch);
        float[] dy = Cpu(gradOutput, nameof(gradOutput), (long)batch * g.OutChannels * g.OutLength).Array;
        float[] w = Cpu(weight, nameof(weight), g.WeightCount).Array;
        float[] dx = Cpu(gradInput, nameof(gradInput), (long)batch * g.InChannels * g.InLength).Array;
        BackwardDataCore(g, batch, dy, w, null, dx);
    }

    /// <inheritdoc />
    public void Conv1dBackwardWeights(in Conv1dGeometry geometry, int batch, BackendBuffer input,
        BackendBuffer gradOutput, BackendBuffer gradWeight)
    {
        Conv1dGeometry g = Checked(geometry, batch);
        float[] x = Cpu(input, nameof(input), (long)batch * g.InChannels * g.InLength).Array;
        float[] dy = Cpu(gradOutput, nameof(gradOutput), (long)batch * g.OutChannels * g.OutLength).Array;
        float[] dw = Cpu(gradWeight, nameof(gradWeight), g.WeightCount).Array;
        BackwardWeightsCore(g, batch, x, dy, dw);
    }

    /// <inheritdoc />
    public void ConvTranspose1dForward(in ConvTranspose1dGeometry geometry, int batch, BackendBuffer input,
        BackendBuffer weight, BackendBuffer bias, BackendBuffer output)
    {
        Conv1dGeometry g = Checked(geometry.Adjoint, batch);
        float[] z = Cpu(input, nameof(input), (long)batch * g.OutChannels * g.OutLength).Array;
        float[] w = Cpu(weight, nameof(weight), g.WeightCount).Array;
        float[] b = Cpu(bias, nameof(bias), g.InChannels).Array;
        float[] o = Cpu(output, nameof(output), (long)batch * g.InChannels * g.InLength).Array;
        BackwardDataCore(g, batch, z, w, b, o);
    }

    /// <inheritdoc />
    public void ConvTranspose1dBackwardData(in ConvTranspose1dGeometry geometry, int batch, BackendBuffer gradOutput,
        BackendBuffer weight, BackendBuffer gradInput)
    {
        Conv1dGeometry g = Checked(geometry.Adjoint, batch);
        float[] dOut = Cpu(gradOutput, nameof(gradOutput), (long)batch * g.InChannels * g.InLength).Array;
        float[] w = Cpu(weight, nameof(weight), g.WeightCount).Array;
        float[] dz = Cpu(gradInput, nameof(gradInput), (long)batch * g.OutChannels * g.OutLength).Array;
        ForwardCore(g, batch, dOut, w, null, dz);
    }

    /// <inheritdoc />
    public void ConvTranspose1dBackwardWeights(in ConvTranspose1dGeometry geometry, int batch, BackendBuffer input,
        BackendBuffer gradOutput, BackendBuffer gradWeight)
    {
        Conv1dGeometry g = Checked(geometry.Adjoint, batch);
        float[] z = Cpu(input, nameof(input), (long)batch * g.OutChannels * g.OutLength).Array;
        float[] dOut = Cpu(gradOutput, nameof(gradOutput), (long)batch * g.InChannels * g.InLength).Array;
        float[] dw = Cpu(gradWeight, nameof(gradWeight), g.WeightCount).Array;
        BackwardWeightsCore(g, batch, dOut, z, dw);
    }

    /// <inheritdoc />
    /// <remarks>The input is split into stride phases again although the forward pass did so already.</remarks>
    // TODO(#3): keep the forward pass's phase split of the input for this call instead of redoing it.
    public void Conv1dBackward(in Conv1dGeometry geometry, int batch, BackendBuffer input, BackendBuffer gradOutput,
        BackendBuffer weight, BackendBuffer gradWeight, BackendBuffer gradBias, BackendBuffer? gradInput)
    {
        Conv1dBackwardWeights(geometry, batch, input, gradOutput, gradWeight);
        BiasGradient(gradOutput, batch, geometry.OutChannels, geometry.OutLength, gradBias);
        if (gradInput is not null)
        {
            Conv1dBackwardData(geometry, batch, gradOutput, weight, gradInput);
        }
    }

    /// <inheritdoc />
    /// <remarks>Splits the output gradient into stride phases once for both the weight and the input gradient.
    /// </remarks>
    public void ConvTranspose1dBackward(in ConvTranspose1dGeometry geometry, int batch, BackendBuffer input,
        BackendBuffer gradOutput, BackendBuffer weight, BackendBuffer gradWeight, BackendBuffer gradBias,
        BackendBuffer? gradInput)
    {
        Conv1dGeometry g = Checked(geometry.Adjoint, batch);
        float[] z = Cpu(input, nameof(input), (long)batch * g.OutChannels * g.OutLength).Array;
        float[] dOut = Cpu(gradOutput, nameof(gradOutput), (long)batch * g.InChannels * g.InLength).Array;
        float[] w = Cpu(weight, nameof(weight), g.WeightCount).Array;
        float[] dw = Cpu(gradWeight, nameof(gradWeight), g.WeightCount).Array;
        float[]? dz = gradInput is null ? null
            : Cpu(gradInput, nameof(gradInput), (long)batch * g.OutChannels * g.OutLength).Array;
        BiasGradient(gradOutput, batch, g.InChannels, g.InLength, gradBias);
        if (batch == 0 || g.OutLength == 0)
        {
            dw.AsSpan(0, g.WeightCount).Clear();
            return;
        }

        using var gradient = new TimeMajorGradient(batch, g.OutChannels, g.OutLength, z);
        using var phased = new PhasedInput(this, g, batch, dOut, gradient.Fill);
        WeightsPhased(g, batch, phased, gradient, dw);
        if (dz is not null)
        {
            ForwardPhased(g, batch, phased, w, null, dz);
        }
    }

    private static Conv1dGeometry Checked(in Conv1dGeometry geometry, int batch)
    {
        geometry.Validate();
        ArgumentOutOfRangeException.ThrowIfNegative(batch);
        return geometry;
    }

    // y[b, co, t] = bias[co] + Σ W[co, ci, k] · x[b, ci, S·t + k − P], as one RowGemm per (sample, row chunk).
    private void ForwardCore(Conv1dGeometry g, int batch, float[] x, float[] w, float[]? bias, float[] y)
    {
        if (batch == 0 || g.OutLength == 0)
        {
            return;
        }

        if (batch >= 2 * MaxThreads)
        {
            ForwardPerSample(g, batch, x, w, bias, y);
            return;
        }

        using var phased = new PhasedInput(this, g, batch, x);
        ForwardPhased(g, batch, phased, w, bias, y);
    }

    // Enough samples to keep every thread busy: each task splits its own sample and computes all its rows, so one
    // parallel region suffices and the split stays in cache.
    private void ForwardPerSample(Conv1dGeometry g, int batch, float[] x, float[] w, float[]? bias, float[] y)
    {
        int lo = g.OutLength, depth = g.InChannels * g.KernelSize, margin = ConvIndexing.Margin(g);
        int sample = g.Stride * g.InChannels * ConvIndexing.PhaseRowLength(g), inSample = g.InChannels * g.InLength;
        int[] offsets = ArrayPool<int>.Shared.Rent(depth);
        try
        {
            ConvIndexing.ForwardOffsets(g, offsets.AsSpan(0, depth));
            For(batch, s =>
            {
                float[] phased = ArrayPool<float>.Shared.Rent(sample);
                LayoutKernels.PhaseSplit(x.AsSpan(s * inSample, inSample), g.InChannels, g.Stride, lo, margin,
                    phased.AsSpan(0, sample));
                RowGemm.Run(Isa, w, depth, g.OutChannels, offsets.AsSpan(0, depth), phased.AsSpan(0, sample), bias,
                    y.AsSpan(s * g.OutChannels * lo), lo, lo);
                ArrayPool<float>.Shared.Return(phased);
            });
        }
        finally
        {
            ArrayPool<int>.Shared.Return(offsets);
        }
    }

    private void ForwardPhased(Conv1dGeometry g, int batch, PhasedInput phased, float[] w, float[]? bias, float[] y)
    {
        int lo = g.OutLength, depth = g.InChannels * g.KernelSize, sample = phased.SampleLength;
        float[] source = phased.Values;
        int[] offsets = phased.Offsets;
        int chunk = RowChunk(g.OutChannels, batch), chunks = (g.OutChannels + chunk - 1) / chunk;
        For(batch * chunks, task =>
        {
            int s = task / chunks, r0 = task % chunks * chunk, rows = Math.Min(chunk, g.OutChannels - r0);
            RowGemm.Run(Isa, w.AsSpan(r0 * depth), depth, rows, offsets.AsSpan(0, depth),
                source.AsSpan(s * sample, sample), bias is null ? default : bias.AsSpan(r0, rows),
                y.AsSpan((s * g.OutChannels + r0) * lo), lo, lo);
        });
    }

    // dW[co, ci, k] = Σ_b Σ_t dy[b, co, t] · x[b, ci, S·t + k − P], split over column chunks.
    private void BackwardWeightsCore(Conv1dGeometry g, int batch, float[] x, float[] dy, float[] dw)
    {
        if (batch == 0 || g.OutLength == 0)
        {
            dw.AsSpan(0, g.WeightCount).Clear();
            return;
        }

        using var gradient = new TimeMajorGradient(batch, g.OutChannels, g.OutLength, dy);
        using var phased = new PhasedInput(this, g, batch, x, gradient.Fill);
        WeightsPhased(g, batch, phased, gradient, dw);
    }

    private void WeightsPhased(Conv1dGeometry g, int batch, PhasedInput phased, TimeMajorGradient gradient,
        float[] dw)
    {
        int lo = g.OutLength, depth = g.InChannels * g.KernelSize, sample = phased.SampleLength;
        float[] source = phased.Values, gT = gradient.Values;
        int[] offsets = phased.Offsets;
        int chunk = RowChunk(depth, 1), chunks = (depth + chunk - 1) / chunk, gSample = gradient.SampleLength;
        var args = new GradGemmArgs(g.OutChannels, lo, batch, gradient.Ldg, gSample, sample, depth);
        For(chunks, task =>
        {
            int c0 = task * chunk;
            GradGemm.Run(Isa, args, gT.AsSpan(0, batch * gSample), offsets.AsSpan(c0, Math.Min(chunk, depth - c0)),
                source.AsSpan(0, batch * sample), dw.AsSpan(c0));
        });
    }

    // Rows per task, a multiple of 4 (the kernels' row block), so that about 4 tasks per thread exist in total.
    private int RowChunk(int rows, int outer)
    {
        int target = 4 * MaxThreads;
        int perOuter = Math.Clamp((target + outer - 1) / outer, 1, Math.Max(1, (rows + 3) / 4));
        int chunk = (rows + perOuter - 1) / perOuter;
        return Math.Max(4, (chunk + 3) / 4 * 4);
    }
}
