using BenchmarkDotNet.Attributes;
using FermentEngine.Engine.Backends;
using FermentEngine.Engine.Backends.Cpu;

namespace FermentEngine.Benchmarks;

/// <summary>
/// One strided convolution layer (kernel 5, stride 2, batch 16) through each pass and instruction set, on all cores;
/// Scalar is the baseline of each pass. Shape is "in×out×inLength"; 13×27×302 is the odd size.
/// </summary>
[CategoriesColumn]
public class ConvBench : IWorkCount
{
    private const int Batch = 16;
    private readonly Dictionary<CpuIsa, CpuBackend> _backends = [];
    private BackendBuffer[] _buffers = [];

    [Params("20x32x256", "32x48x64", "13x27x302")]
    public string Shape { get; set; } = "20x32x256";

    private Conv1dGeometry Geometry
    {
        get
        {
            int[] d = Shape.Split('x').Select(int.Parse).ToArray();
            return new Conv1dGeometry(d[0], d[1], 5, 2, d[2]);
        }
    }

    public double Flops(string method) => 2.0 * Batch * Geometry.MultiplyAddsPerSample;

    public double Windows(string method) => Batch;

    [GlobalSetup]
    public void Setup()
    {
        Conv1dGeometry g = Geometry;
        var random = new Random(1);
        CpuIsa[] isas = [CpuIsa.Scalar, CpuIsa.Vector256, CpuIsa.Vector512];
        foreach (CpuIsa isa in isas.Where(CpuBackend.IsSupported))
        {
            _backends[isa] = new CpuBackend(null, isa);
        }

        CpuBackend any = _backends[CpuIsa.Scalar];
        int[] sizes =
            [Batch * g.InChannels * g.InLength, g.WeightCount, g.OutChannels, Batch * g.OutChannels * g.OutLength];
        _buffers = sizes.Select(n => any.Mirror(Enumerable.Range(0, n).Select(_ => random.NextSingle() - 0.5f)
            .ToArray())).ToArray();
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Forward")]
    public void Conv1dForwardScalar() => Forward(CpuIsa.Scalar);

    [Benchmark, BenchmarkCategory("Forward")]
    public void Conv1dForwardVector256() => Forward(CpuIsa.Vector256);

    [Benchmark, BenchmarkCategory("Forward")]
    public void Conv1dForwardVector512() => Forward(CpuIsa.Vector512);

    [Benchmark(Baseline = true), BenchmarkCategory("BackwardData")]
    public void Conv1dBackwardDataScalar() => BackwardData(CpuIsa.Scalar);

    [Benchmark, BenchmarkCategory("BackwardData")]
    public void Conv1dBackwardDataVector256() => BackwardData(CpuIsa.Vector256);

    [Benchmark, BenchmarkCategory("BackwardData")]
    public void Conv1dBackwardDataVector512() => BackwardData(CpuIsa.Vector512);

    [Benchmark(Baseline = true), BenchmarkCategory("BackwardWeights")]
    public void Conv1dBackwardWeightsScalar() => BackwardWeights(CpuIsa.Scalar);

    [Benchmark, BenchmarkCategory("BackwardWeights")]
    public void Conv1dBackwardWeightsVector256() => BackwardWeights(CpuIsa.Vector256);

    [Benchmark, BenchmarkCategory("BackwardWeights")]
    public void Conv1dBackwardWeightsVector512() => BackwardWeights(CpuIsa.Vector512);

    private void Forward(CpuIsa isa) =>
        _backends[isa].Conv1dForward(Geometry, Batch, _buffers[0], _buffers[1], _buffers[2], _buffers[3]);

    private void BackwardData(CpuIsa isa) =>
        _backends[isa].Conv1dBackwardData(Geometry, Batch, _buffers[3], _buffers[1], _buffers[0]);

    private void BackwardWeights(CpuIsa isa) =>
        _backends[isa].Conv1dBackwardWeights(Geometry, Batch, _buffers[0], _buffers[3], _buffers[1]);
}
