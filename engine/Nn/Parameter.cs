using FermentEngine.Engine.Backends;

namespace FermentEngine.Engine.Nn;

/// <summary>One trainable tensor of a model, with its gradient, both row-major in the layout of <see cref="Shape"/>.
/// </summary>
/// <remarks>
/// <see cref="Value"/> is the host copy that callers read and write (e.g. to save or load weights) between calls of
/// the model and the optimizer; both push it to their backend before use. Not thread-safe to write while a model
/// call runs.
/// </remarks>
public sealed class Parameter
{
    private readonly Lock _gate = new();
    private readonly List<(IBackend Backend, BackendBuffer Value, BackendBuffer Gradient)> _mirrors = [];

    /// <param name="name">Stable dotted name, e.g. "encoder.0.weight".</param>
    /// <param name="shape">Dimensions, each ≥ 1.</param>
    public Parameter(string name, int[] shape)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(shape);
        int count = 1;
        foreach (int d in shape)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(d, 1, nameof(shape));
            count = checked(count * d);
        }

        Name = name;
        Shape = (int[])shape.Clone();
        Value = new float[count];
        Gradient = new float[count];
    }

    /// <summary>Stable dotted name, e.g. "encoder.0.weight" or "decoder.2.bias".</summary>
    public string Name { get; }

    /// <summary>Dimensions: [out × in × kernel] for a convolution weight, [in × out × kernel] for a transposed one.
    /// </summary>
    public int[] Shape { get; }

    /// <summary>Current values (host copy).</summary>
    public float[] Value { get; }

    /// <summary>∂loss/∂value from the last TrainStep (overwritten by each step).</summary>
    public float[] Gradient { get; }

    /// <summary>Element count.</summary>
    public int Count => Value.Length;

    /// <summary>The backend buffers mirroring <see cref="Value"/> and <see cref="Gradient"/>, one pair per backend.
    /// </summary>
    internal (BackendBuffer Value, BackendBuffer Gradient) On(IBackend backend)
    {
        lock (_gate)
        {
            foreach (var mirror in _mirrors)
            {
                if (ReferenceEquals(mirror.Backend, backend))
                {
                    return (mirror.Value, mirror.Gradient);
                }
            }

            var created = (backend, backend.Mirror(Value), backend.Mirror(Gradient));
            _mirrors.Add(created);
            return (created.Item2, created.Item3);
        }
    }
}
