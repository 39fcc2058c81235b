using FermentEngine.Engine.Backends;

namespace FermentEngine.Engine.Nn;

/// <summary>Strided "same" convolution, length L → L / stride.</summary>
internal sealed class Conv1dLayer : ILayer
{
    private readonly int _kernelSize;
    private readonly int _stride;

    public Conv1dLayer(string name, int inChannels, int outChannels, int kernelSize, int stride)
    {
        InChannels = inChannels;
        OutChannels = outChannels;
        _kernelSize = kernelSize;
        _stride = stride;
        Weight = new Parameter(name + ".weight", [outChannels, inChannels, kernelSize]);
        Bias = new Parameter(name + ".bias", [outChannels]);
    }

    public int InChannels { get; }

    public int OutChannels { get; }

    public Parameter Weight { get; }

    public Parameter Bias { get; }

    public int FanIn => InChannels * _kernelSize;

    public int OutLength(int inLength) => inLength / _stride;

    public void Forward(IBackend backend, int batch, int inLength, BackendBuffer input, BackendBuffer output) =>
        backend.Conv1dForward(Geometry(inLength), batch, input, Weight.On(backend).Value, Bias.On(backend).Value,
            output);

    public void Backward(IBackend backend, int batch, int inLength, BackendBuffer input, BackendBuffer gradOutput,
        BackendBuffer? gradInput)
    {
        (BackendBuffer weight, BackendBuffer gradWeight) = Weight.On(backend);
        BackendBuffer gradBias = Bias.On(backend).Gradient;
        backend.Conv1dBackward(Geometry(inLength), batch, input, gradOutput, weight, gradWeight, gradBias, gradInput);
    }

    private Conv1dGeometry Geometry(int inLength) => new(InChannels, OutChannels, _kernelSize, _stride, inLength);
}
