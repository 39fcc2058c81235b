using FermentEngine.Engine.Backends;

namespace FermentEngine.Engine.Nn;

/// <summary>One learnable layer of the autoencoder; activations are [batch × channel × time].</summary>
internal interface ILayer
{
    int InChannels { get; }

    int OutChannels { get; }

    /// <summary>[OutChannels × InChannels × K] for a convolution, [InChannels × OutChannels × K]
    /// transposed.</summary>
    Parameter Weight { get; }

    /// <summary>[OutChannels].</summary>
    Parameter Bias { get; }

    /// <summary>Fan-in used for the initial weight scale.</summary>
    int FanIn { get; }

    int OutLength(int inLength);

    /// <summary>output = layer(input), without activation.</summary>
    void Forward(IBackend backend, int batch, int inLength, BackendBuffer input, BackendBuffer output);

    /// <summary>Writes the weight and bias gradients (overwritten), and gradInput unless it is null.</summary>
    void Backward(IBackend backend, int batch, int inLength, BackendBuffer input, BackendBuffer gradOutput,
        BackendBuffer? gradInput);
}
