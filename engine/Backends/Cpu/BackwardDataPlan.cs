using System.Buffers;

namespace FermentEngine.Engine.Backends.Cpu;

/// <summary>
/// Per input phase, the repacked weights and window offsets of a backward-data pass (see
/// <see cref="ConvIndexing.BackwardDataPlan"/>), in pooled arrays.
/// </summary>
internal sealed class BackwardDataPlan : IDisposable
{
    private readonly float[] _weights;
    private readonly int[] _offsets;
    private readonly int[] _starts;
    private readonly int _inChannels;

    public BackwardDataPlan(in Conv1dGeometry g, float[] weight)
    {
        _inChannels = g.InChannels;
        _weights = ArrayPool<float>.Shared.Rent(g.WeightCount);
        _offsets = ArrayPool<int>.Shared.Rent(g.OutChannels * g.KernelSize);
        Depths = new int[g.Stride];
        _starts = new int[g.Stride];
        for (int rho = 0, used = 0; rho < g.Stride; rho++)
        {
            _starts[rho] = used;
            Depths[rho] = ConvIndexing.BackwardDataPlan(g, weight, rho, _weights.AsSpan(used * g.InChannels),
                _offsets.AsSpan(used));
            used += Depths[rho];
        }
    }

    /// <summary>Terms per output element of each phase.</summary>
    public int[] Depths { get; }

    /// <summary>[InChannels × Depths[phase]] weights of one phase.</summary>
    public ReadOnlySpan<float> Weights(int phase) =>
        _weights.AsSpan(_starts[phase] * _inChannels, Depths[phase] * _inChannels);

    /// <summary>Window offsets of one phase into one padded sample.</summary>
    public ReadOnlySpan<int> Offsets(int phase) => _offsets.AsSpan(_starts[phase], Depths[phase]);

    public void Dispose()
    {
        ArrayPool<float>.Shared.Return(_weights);
        ArrayPool<int>.Shared.Return(_offsets);
    }
}
