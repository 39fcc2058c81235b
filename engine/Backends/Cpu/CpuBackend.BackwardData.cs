using System.Buffers;

namespace FermentEngine.Engine.Backends.Cpu;

/// <summary>The backward-data pass (also the transposed convolution's forward pass).</summary>
public sealed partial class CpuBackend
{
    // dx[b, ci, S·j + ρ] = Σ W[co, ci, k] · dy[b, co, j + (ρ + P − k)/S] over the taps k of phase ρ, plus bias.
    private void BackwardDataCore(Conv1dGeometry g, int batch, float[] dy, float[] w, float[]? bias, float[] dx)
    {
        if (batch == 0 || g.OutLength == 0)
        {
            return;
        }

        using var plan = new BackwardDataPlan(g, w);
        if (batch >= 2 * MaxThreads)
        {
            BackwardDataPerSample(g, batch, plan, dy, bias, dx);
        }
        else
        {
            BackwardDataChunked(g, batch, plan, dy, bias, dx);
        }
    }

    // One task per sample: pad, every phase, interleave, all in the task's own scratch.
    private void BackwardDataPerSample(Conv1dGeometry g, int batch, BackwardDataPlan plan, float[] dy,
        float[]? bias, float[] dx)
    {
        int lo = g.OutLength, stride = g.Stride, cin = g.InChannels, margin = ConvIndexing.Margin(g);
        int padded = g.OutChannels * ConvIndexing.PhaseRowLength(g), outSample = g.OutChannels * lo;
        int phaseSample = stride * cin * lo;
        For(batch, s =>
        {
            float[] pad = ArrayPool<float>.Shared.Rent(padded);
            float[] phases = ArrayPool<float>.Shared.Rent(phaseSample);
            LayoutKernels.PhaseSplit(dy.AsSpan(s * outSample, outSample), g.OutChannels, 1, lo, margin,
                pad.AsSpan(0, padded));
            for (int rho = 0; rho < stride; rho++)
            {
                RowGemm.Run(Isa, plan.Weights(rho), plan.Depths[rho], cin, plan.Offsets(rho),
                    pad.AsSpan(0, padded), default, phases.AsSpan(rho * cin * lo), lo, lo);
            }

            LayoutKernels.Interleave(phases.AsSpan(0, phaseSample), cin, stride, lo, bias,
                dx.AsSpan(s * phaseSample, phaseSample));
            ArrayPool<float>.Shared.Return(pad);
            ArrayPool<float>.Shared.Return(phases);
        });
    }

    // Few samples (e.g. one long run): split rows of every (sample, phase) among the threads.
    private void BackwardDataChunked(Conv1dGeometry g, int batch, BackwardDataPlan plan, float[] dy,
        float[]? bias, float[] dx)
    {
        int lo = g.OutLength, stride = g.Stride, cin = g.InChannels, margin = ConvIndexing.Margin(g);
        int padded = g.OutChannels * ConvIndexing.PhaseRowLength(g), outSample = g.OutChannels * lo;
        int phaseSample = stride * cin * lo;
        float[] pad = ArrayPool<float>.Shared.Rent(batch * padded);
        float[] phases = ArrayPool<float>.Shared.Rent(batch * phaseSample);
        try
        {
            For(batch, s => LayoutKernels.PhaseSplit(dy.AsSpan(s * outSample, outSample), g.OutChannels, 1, lo,
                margin, pad.AsSpan(s * padded, padded)));
            int chunk = RowChunk(cin, batch * stride), chunks = (cin + chunk - 1) / chunk;
            For(batch * stride * chunks, task =>
            {
                int s = task / (stride * chunks), rho = task / chunks % stride, r0 = task % chunks * chunk;
                int rows = Math.Min(chunk, cin - r0), depth = plan.Depths[rho];
                RowGemm.Run(Isa, plan.Weights(rho)[(r0 * depth)..], depth, rows, plan.Offsets(rho),
                    pad.AsSpan(s * padded, padded), default, phases.AsSpan(((s * stride + rho) * cin + r0) * lo),
                    lo, lo);
            });
            For(batch, s => LayoutKernels.Interleave(phases.AsSpan(s * phaseSample, phaseSample), cin, stride, lo,
                bias, dx.AsSpan(s * phaseSample, phaseSample)));
        }
        finally
        {
            ArrayPool<float>.Shared.Return(pad);
            ArrayPool<float>.Shared.Return(phases);
        }
    }
}
