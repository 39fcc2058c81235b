using BenchmarkDotNet.Attributes;
using FermentEngine.Engine.Backends.Cpu;
using FermentEngine.Engine.Nn;

namespace FermentEngine.Benchmarks;

/// <summary>
/// The whole model at its typical size: 20 channels, widths 32, 32, 48, kernel 5, stride 2. TrainStep is forward and
/// backward over a batch of 16 windows of 256 steps (no optimizer step); Reconstruct is one run of 1,200 steps.
/// </summary>
[CategoriesColumn]
public class TrainStepBench : IWorkCount
{
    private const int Channels = 20, Batch = 16, WindowLength = 256, RunLength = 1200;
    private static readonly AutoencoderArchitecture s_architecture = new(Channels, [32, 32, 48]);
    private readonly Dictionary<CpuIsa, ConvAutoencoder> _models = [];
    private float[] _windows = [];
    private float[] _run = [];
    private float[] _output = [];

    [Params(1, 2)]
    public int Threads { get; set; }

    // Forward, backward weights and backward data per layer, except backward data of the first layer.
    public double Flops(string method)
    {
        var model = new ConvAutoencoder(s_architecture, new CpuBackend(1, CpuIsa.Scalar), 0);
        if (method.StartsWith("Reconstruct", StringComparison.Ordinal))
        {
            return 2.0 * model.MultiplyAddsPerWindow(RunLength);
        }

        long first = (long)Channels * 32 * 5 * WindowLength / 2;
        return 2.0 * Batch * (3 * model.MultiplyAddsPerWindow(WindowLength) - first);
    }

    public double Windows(string method) => method.StartsWith("Reconstruct", StringComparison.Ordinal) ? 1 : Batch;

    [GlobalSetup]
    public void Setup()
    {
        CpuIsa[] isas = [CpuIsa.Scalar, CpuIsa.Vector256, CpuIsa.Vector512];
        foreach (CpuIsa isa in isas.Where(CpuBackend.IsSupported))
        {
            _models[isa] = new ConvAutoencoder(s_architecture, new CpuBackend(Threads, isa), seed: 1);
        }

        var random = new Random(2);
        _windows = Enumerable.Range(0, Batch * WindowLength * Channels).Select(_ => random.NextSingle()).ToArray();
        _run = Enumerable.Range(0, RunLength * Channels).Select(_ => random.NextSingle()).ToArray();
        _output = new float[_run.Length];
    }

    [Benchmark(Baseline = true), BenchmarkCategory("TrainStep")]
    public float TrainStepScalar() => _models[CpuIsa.Scalar].TrainStep(_windows, Batch, WindowLength);

    [Benchmark, BenchmarkCategory("TrainStep")]
    public float TrainStepVector256() => _models[CpuIsa.Vector256].TrainStep(_windows, Batch, WindowLength);

    [Benchmark, BenchmarkCategory("TrainStep")]
    public float TrainStepVector512() => _models[CpuIsa.Vector512].TrainStep(_windows, Batch, WindowLength);

    [Benchmark(Baseline = true), BenchmarkCategory("Reconstruct")]
    public void ReconstructScalar() => _models[CpuIsa.Scalar].Reconstruct(_run, RunLength, _output);

    [Benchmark, BenchmarkCategory("Reconstruct")]
    public void ReconstructVector256() => _models[CpuIsa.Vector256].Reconstruct(_run, RunLength, _output);

    [Benchmark, BenchmarkCategory("Reconstruct")]
    public void ReconstructVector512() => _models[CpuIsa.Vector512].Reconstruct(_run, RunLength, _output);
}
