using FermentEngine.Engine.Backends;

namespace FermentEngine.Engine.Nn;

/// <summary>Inference passes and the training step.</summary>
public sealed partial class ConvAutoencoder
{
    private const int MaxWorkspaces = 3;

    // TODO(#3): release the workspaces' backend buffers deterministically (IDisposable) once a device backend exists.
    private readonly List<TrainingWorkspace> _workspaces = [];

    /// <summary>
    /// Forward and backward pass over a batch of windows: the loss is the mean squared error between reconstruction
    /// and input over all batch · length · ChannelCount cells, and ∂loss/∂θ is written (not added) into every
    /// <see cref="Parameter.Gradient"/>. No optimizer step.
    /// </summary>
    /// <param name="input">batch · length · ChannelCount floats, each window [length × channel].</param>
    /// <param name="batch">Windows (≥ 1).</param>
    /// <param name="length">Steps per window: a positive multiple of Downsampling.</param>
    /// <returns>The loss before the update.</returns>
    /// <remarks>Not thread-safe. Reuses buffers kept for the last three (batch, length) shapes.</remarks>
    /// <exception cref="ArgumentException">A size does not match, or length is not a Downsampling multiple.</exception>
    // TODO(#3): shard the batch into a fixed number of parts trained concurrently, so that 2 cores scale better.
    public float TrainStep(ReadOnlySpan<float> input, int batch, int length)
    {
        CheckBatch(input.Length, batch, length);
        PushParameters();
        TrainingWorkspace ws = Workspace(batch, length);
        BackendBuffer[] act = ws.Activations;
        Backend.UploadTimeMajor(input, batch, length, Architecture.ChannelCount, act[0]);
        for (int l = 0; l < _layers.Length; l++)
        {
            _layers[l].Forward(Backend, batch, ws.Lengths[l], act[l], act[l + 1]);
            if (l < _layers.Length - 1)
            {
                Backend.EluForward(act[l + 1], ws.Counts[l + 1]);
            }
        }

        int last = _layers.Length;
        BackendBuffer grad = ws.GradientA, spare = ws.GradientB;
        float loss = Backend.MseLoss(act[last], act[0], ws.Counts[last], grad);
        for (int l = last - 1; l >= 0; l--)
        {
            if (l < last - 1)
            {
                Backend.EluBackward(act[l + 1], grad, ws.Counts[l + 1]);
            }

            _layers[l].Backward(Backend, batch, ws.Lengths[l], act[l], grad, l == 0 ? null : spare);
            (grad, spare) = (spare, grad);
        }

        foreach (Parameter p in _parameters)
        {
            Backend.PullHost(p.On(Backend).Gradient);
        }

        return loss;
    }

    private void Infer(ReadOnlySpan<float> input, int batch, int length, Span<float> output)
    {
        PushParameters();
        int largest = batch * length * Architecture.ChannelCount, current = length;
        foreach (ILayer layer in _layers)
        {
            current = layer.OutLength(current);
            largest = Math.Max(largest, batch * current * layer.OutChannels);
        }

        BackendBuffer a = Backend.Rent(largest), b = Backend.Rent(largest);
        try
        {
            Backend.UploadTimeMajor(input, batch, length, Architecture.ChannelCount, a);
            current = length;
            for (int l = 0; l < _layers.Length; l++)
            {
                ILayer layer = _layers[l];
                _layers[l].Forward(Backend, batch, current, a, b);
                current = layer.OutLength(current);
                if (l < _layers.Length - 1)
                {
                    Backend.EluForward(b, batch * current * layer.OutChannels);
                }

                (a, b) = (b, a);
            }

            Backend.DownloadTimeMajor(a, batch, length, Architecture.ChannelCount, output);
        }
        finally
        {
            Backend.Return(a);
            Backend.Return(b);
        }
    }

    // Keeps a few shapes (e.g. full batches and a shorter last batch of an epoch) so alternating shapes do not
    // reallocate every step.
    private TrainingWorkspace Workspace(int batch, int length)
    {
        foreach (TrainingWorkspace ws in _workspaces)
        {
            if (ws.Batch == batch && ws.Length == length)
            {
                return ws;
            }
        }

        if (_workspaces.Count == MaxWorkspaces)
        {
            _workspaces[0].Dispose();
            _workspaces.RemoveAt(0);
        }

        var created = new TrainingWorkspace(Backend, _layers, Architecture.ChannelCount, batch, length);
        _workspaces.Add(created);
        return created;
    }
}
