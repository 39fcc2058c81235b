using FermentEngine.Engine.Backends;

namespace FermentEngine.Engine.Nn;

/// <summary>Strided transposed convolution, the adjoint of <see cref="Conv1dLayer"/>: length L → L ·
/// stride.</summary>
internal sealed class ConvTranspose1dLayer : ILayer
{
    private readonly int _kernelSize;
    private readonly int _stride;

    public ConvTranspose1dLayer(string name, int inChannels, int outChannels, int kernelSize, int stride)
    {
        InChannels = inChannels;
        OutChannels = outChannels;
        _kernelSize = kernelSize;
        _stride = stride;
        Weight = new Parameter(name + ".weight", [inChannels, outChannels, kernelSize]);
        Bias = new Parameter(name + ".bias", [outChannels]);
    }

    public int InChannels { get; }

    public int OutChannels { get; }

    public Parameter Weight { get; }

    public Parameter Bias { get; }

    // Each output step receives about InChannels · K / stride terms.
    public int FanIn => Math.Max(1, InChannels * _kernelSize / _stride);

    public int OutLength(int inLength) => inLength * _stride;

    public void Forward(IBackend backend, int batch, int inLength, BackendBuffer input, BackendBuffer output) =>
        backend.ConvTranspose1dForward(Geometry(inLength), batch, input, Weight.On(backend).Value,
            Bias.On(backend).Value, output);

    public void Backward(IBackend backend, int batch, int inLength, BackendBuffer input, BackendBuffer gradOutput,
        BackendBuffer? gradInput)
    {
        (BackendBuffer weight, BackendBuffer gradWeight) = Weight.On(backend);
        BackendBuffer gradBias = Bias.On(backend).Gradient;
        backend.ConvTranspose1dBackward(Geometry(inLength), batch, input, gradOutput, weight, gradWeight, gradBias,
            gradInput);
    }

    private ConvTranspose1dGeometry Geometry(int inLength) =>
        new(InChannels, OutChannels, _kernelSize, _stride, inLength);
}
