using System.Buffers;
using FermentEngine.Engine.Backends;

namespace FermentEngine.Engine.Nn;

/// <summary>
/// 1-D convolutional autoencoder over time (see <see cref="AutoencoderArchitecture"/>), running every kernel on an
/// <see cref="IBackend"/>. Series are time-major: a window or run is [length × channel] row-major, and a batch is
/// windows concatenated.
/// </summary>
/// <remarks>
/// <see cref="Forward"/> and <see cref="Reconstruct"/> are thread-safe among themselves (each call rents its own
/// buffers); <see cref="TrainStep"/> is not, and no call may overlap a TrainStep or an optimizer step. Same
/// architecture, seed and data give bit-identical results for any thread count of the CPU backend.
/// </remarks>
public sealed partial class ConvAutoencoder
{
    private readonly ILayer[] _layers;
    private readonly Parameter[] _parameters;

    /// <param name="architecture">Layer shape; Widths is copied.</param>
    /// <param name="backend">Where kernels run, e.g. <see cref="Backends.Cpu.CpuBackend.Shared"/>.</param>
    /// <param name="seed">Seed of the He-normal weight initialisation (Glorot-like scale on the last layer); biases
    /// start at zero.</param>
    /// <exception cref="ArgumentException">The architecture is invalid.</exception>
    public ConvAutoencoder(AutoencoderArchitecture architecture, IBackend backend, int seed)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        ArgumentNullException.ThrowIfNull(backend);
        architecture.Validate();
        Architecture = architecture with { Widths = architecture.Widths.ToArray() };
        Backend = backend;
        _layers = BuildLayers(Architecture);
        _parameters = _layers.SelectMany(l => new[] { l.Weight, l.Bias }).ToArray();
        Initialise(seed);
        foreach (Parameter p in _parameters)
        {
            _ = p.On(backend);
        }

        ReceptiveField = ComputeReceptiveField(Architecture);
    }

    /// <summary>The layer shape (with its own copy of Widths).</summary>
    public AutoencoderArchitecture Architecture { get; }

    /// <summary>The backend every call runs on.</summary>
    public IBackend Backend { get; }

    /// <summary>
    /// Weights and biases in a stable order: "encoder.{i}.weight", "encoder.{i}.bias" for i = 0 … n−1, then
    /// "decoder.{j}.weight", "decoder.{j}.bias" for j = 0 … n−1 (decoder.{n−1} is the output layer).
    /// </summary>
    public IReadOnlyList<Parameter> Parameters => _parameters;

    /// <summary>Input steps that can influence one output step (the widest case over positions), away from edges.
    /// </summary>
    public int ReceptiveField { get; }

    /// <summary>Later steps after which a step's reconstruction no longer changes as more of the run arrives: half
    /// the receptive field plus one downsampling block.</summary>
    public int LookAheadSteps => ReceptiveField / 2 + Architecture.Downsampling;

    /// <summary>Multiply-adds of one forward pass over one window of <paramref name="length"/> steps.</summary>
    public long MultiplyAddsPerWindow(int length)
    {
        long total = 0;
        int current = length;
        foreach (ILayer layer in _layers)
        {
            int next = layer.OutLength(current);
            total += (long)layer.InChannels * layer.OutChannels * Architecture.KernelSize
                * Math.Max(current, next) / Architecture.Stride;
            current = next;
        }

        return total;
    }

    /// <summary>Reconstructs a batch of windows.</summary>
    /// <param name="input">batch · length · ChannelCount floats, each window [length × channel].</param>
    /// <param name="batch">Windows (≥ 1).</param>
    /// <param name="length">Steps per window: a positive multiple of Downsampling.</param>
    /// <param name="output">Same layout and size as <paramref name="input"/>; may not overlap it.</param>
    /// <exception cref="ArgumentException">A size does not match, or length is not a Downsampling multiple.</exception>
    public void Forward(ReadOnlySpan<float> input, int batch, int length, Span<float> output)
    {
        CheckBatch(input.Length, batch, length);
        CheckCount(output.Length, (long)batch * length * Architecture.ChannelCount, nameof(output));
        Infer(input, batch, length, output);
    }

    /// <summary>
    /// Reconstructs one whole run fully convolutionally: the run is edge-replicated at its end up to a multiple of
    /// Downsampling, passed through as one window, and cropped back.
    /// </summary>
    /// <param name="run">length · ChannelCount floats, [length × channel].</param>
    /// <param name="length">Steps (≥ 1).</param>
    /// <param name="output">Same size as <paramref name="run"/>.</param>
    /// <exception cref="ArgumentException">A size does not match.</exception>
    public void Reconstruct(ReadOnlySpan<float> run, int length, Span<float> output)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        int channels = Architecture.ChannelCount, d = Architecture.Downsampling;
        CheckCount(run.Length, (long)length * channels, nameof(run));
        CheckCount(output.Length, (long)length * channels, nameof(output));
        int padded = checked((length + d - 1) / d * d);
        float[] host = ArrayPool<float>.Shared.Rent(2 * padded * channels);
        try
        {
            Span<float> source = host.AsSpan(0, padded * channels), result = host.AsSpan(padded * channels);
            run.CopyTo(source);
            ReadOnlySpan<float> last = run.Slice((length - 1) * channels, channels);
            for (int t = length; t < padded; t++)
            {
                last.CopyTo(source.Slice(t * channels, channels));
            }

            Infer(source, 1, padded, result[..source.Length]);
            result[..run.Length].CopyTo(output);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(host);
        }
    }

    private static ILayer[] BuildLayers(AutoencoderArchitecture a)
    {
        int n = a.Widths.Count;
        var layers = new ILayer[2 * n];
        for (int i = 0; i < n; i++)
        {
            int input = i == 0 ? a.ChannelCount : a.Widths[i - 1];
            layers[i] = new Conv1dLayer($"encoder.{i}", input, a.Widths[i], a.KernelSize, a.Stride);
        }

        for (int j = 0; j < n; j++)
        {
            int output = j == n - 1 ? a.ChannelCount : a.Widths[n - 2 - j];
            layers[n + j] = new ConvTranspose1dLayer($"decoder.{j}", a.Widths[n - 1 - j], output, a.KernelSize,
                a.Stride);
        }

        return layers;
    }

    // Walks one output step back through every layer as an interval of input steps; the widest interval wins.
    private static int ComputeReceptiveField(AutoencoderArchitecture a)
    {
        long k = a.KernelSize, s = a.Stride, p = (a.KernelSize - 1) / 2, widest = 0;
        long origin = 1L << 40;
        for (long u = origin; u < origin + a.Downsampling; u++)
        {
            long lo = u, hi = u;
            for (int j = 0; j < a.Widths.Count; j++)
            {
                (lo, hi) = (CeilDiv(lo + p - k + 1, s), FloorDiv(hi + p, s));
            }

            for (int i = 0; i < a.Widths.Count; i++)
            {
                (lo, hi) = (s * lo - p, s * hi - p + k - 1);
            }

            widest = Math.Max(widest, hi - lo + 1);
        }

        return (int)widest;
    }

    private static long FloorDiv(long a, long b) => a >= 0 ? a / b : -((-a + b - 1) / b);

    private static long CeilDiv(long a, long b) => -FloorDiv(-a, b);

    private static void CheckCount(int length, long required, string name)
    {
        if (length != required)
        {
            throw new ArgumentException($"{name}: holds {length} floats, expected {required}.", name);
        }
    }

    private void Initialise(int seed)
    {
        var random = new SeededRandom(seed);
        for (int l = 0; l < _layers.Length; l++)
        {
            double gain = l == _layers.Length - 1 ? 1.0 : 2.0;
            double std = Math.Sqrt(gain / _layers[l].FanIn);
            float[] w = _layers[l].Weight.Value;
            for (int i = 0; i < w.Length; i++)
            {
                w[i] = (float)(random.NextGaussian() * std);
            }
        }
    }

    private void CheckBatch(int inputLength, int batch, int length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batch, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        int d = Architecture.Downsampling;
        if (length % d != 0)
        {
            throw new ArgumentException(
                $"length: {length} steps is not a multiple of the downsampling factor {d}.", nameof(length));
        }

        CheckCount(inputLength, (long)batch * length * Architecture.ChannelCount, "input");
    }

    // TODO(#3): a device backend copies every parameter here on each call; track host writes to copy only changes.
    private void PushParameters()
    {
        foreach (Parameter p in _parameters)
        {
            Backend.PushHost(p.On(Backend).Value);
        }
    }
}
