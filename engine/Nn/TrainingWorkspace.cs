using FermentEngine.Engine.Backends;

namespace FermentEngine.Engine.Nn;

/// <summary>Backend buffers of one training shape: every layer's output (kept for backward) and two gradients.
/// </summary>
internal sealed class TrainingWorkspace : IDisposable
{
    public TrainingWorkspace(IBackend backend, IReadOnlyList<ILayer> layers, int channels, int batch, int length)
    {
        Batch = batch;
        Length = length;
        Lengths = new int[layers.Count + 1];
        Counts = new int[layers.Count + 1];
        Activations = new BackendBuffer[layers.Count + 1];
        Lengths[0] = length;
        Counts[0] = checked(batch * length * channels);
        int largest = Counts[0];
        for (int l = 0; l < layers.Count; l++)
        {
            Lengths[l + 1] = layers[l].OutLength(Lengths[l]);
            Counts[l + 1] = checked(batch * Lengths[l + 1] * layers[l].OutChannels);
            largest = Math.Max(largest, Counts[l + 1]);
        }

        for (int l = 0; l < Activations.Length; l++)
        {
            Activations[l] = backend.Allocate(Counts[l]);
        }

        GradientA = backend.Allocate(largest);
        GradientB = backend.Allocate(largest);
    }

    public int Batch { get; }

    public int Length { get; }

    /// <summary>Steps of the input (index 0) and of each layer's output.</summary>
    public int[] Lengths { get; }

    /// <summary>Floats of the input (index 0) and of each layer's output.</summary>
    public int[] Counts { get; }

    /// <summary>The uploaded input (index 0), then each layer's output after its activation.</summary>
    public BackendBuffer[] Activations { get; }

    public BackendBuffer GradientA { get; }

    public BackendBuffer GradientB { get; }

    public void Dispose()
    {
        foreach (BackendBuffer buffer in Activations)
        {
            buffer.Dispose();
        }

        GradientA.Dispose();
        GradientB.Dispose();
    }
}
