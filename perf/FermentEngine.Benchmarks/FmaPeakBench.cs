using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;

namespace FermentEngine.Benchmarks;

/// <summary>
/// The machine's own multiply-add peak: twelve independent register-resident FMA chains per thread, enough to
/// cover the latency of two FMA pipes, with no memory traffic. Kernel GFLOP/s divided by this gives the ratio.
/// </summary>
[BenchmarkCategory("FmaPeak")]
public class FmaPeakBench : IWorkCount
{
    private const int Iterations = 1 << 20;
    private const int Chains = 12;

    [Params(1, 2)]
    public int Threads { get; set; }

    public double Flops(string method) =>
        2.0 * Chains * Iterations * Threads * (method.EndsWith("512", StringComparison.Ordinal) ? 16 : 8);

    public double Windows(string method) => double.NaN;

    [Benchmark]
    public float FmaPeakVector256() => Run(Chain256);

    [Benchmark]
    public float FmaPeakVector512() => Run(Chain512);

    private float Run(Func<float, float> chain)
    {
        if (Threads == 1)
        {
            return chain(1f);
        }

        var results = new float[Threads];
        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads },
            i => results[i] = chain(1f + i));
        return results.Sum();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static float Chain256(float seed)
    {
        Vector256<float> a = Vector256.Create(0.999999f), b = Vector256.Create(1e-7f);
        Vector256<float> c0 = Vector256.Create(seed), c1 = c0 + b, c2 = c1 + b, c3 = c2 + b, c4 = c3 + b;
        Vector256<float> c5 = c4 + b, c6 = c5 + b, c7 = c6 + b, c8 = c7 + b, c9 = c8 + b, c10 = c9 + b;
        Vector256<float> c11 = c10 + b;
        for (int i = 0; i < Iterations; i++)
        {
            c0 = Vector256.MultiplyAddEstimate(c0, a, b); c1 = Vector256.MultiplyAddEstimate(c1, a, b);
            c2 = Vector256.MultiplyAddEstimate(c2, a, b); c3 = Vector256.MultiplyAddEstimate(c3, a, b);
            c4 = Vector256.MultiplyAddEstimate(c4, a, b); c5 = Vector256.MultiplyAddEstimate(c5, a, b);
            c6 = Vector256.MultiplyAddEstimate(c6, a, b); c7 = Vector256.MultiplyAddEstimate(c7, a, b);
            c8 = Vector256.MultiplyAddEstimate(c8, a, b); c9 = Vector256.MultiplyAddEstimate(c9, a, b);
            c10 = Vector256.MultiplyAddEstimate(c10, a, b); c11 = Vector256.MultiplyAddEstimate(c11, a, b);
        }

        return Vector256.Sum(c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static float Chain512(float seed)
    {
        Vector512<float> a = Vector512.Create(0.999999f), b = Vector512.Create(1e-7f);
        Vector512<float> c0 = Vector512.Create(seed), c1 = c0 + b, c2 = c1 + b, c3 = c2 + b, c4 = c3 + b;
        Vector512<float> c5 = c4 + b, c6 = c5 + b, c7 = c6 + b, c8 = c7 + b, c9 = c8 + b, c10 = c9 + b;
        Vector512<float> c11 = c10 + b;
        for (int i = 0; i < Iterations; i++)
        {
            c0 = Vector512.MultiplyAddEstimate(c0, a, b); c1 = Vector512.MultiplyAddEstimate(c1, a, b);
            c2 = Vector512.MultiplyAddEstimate(c2, a, b); c3 = Vector512.MultiplyAddEstimate(c3, a, b);
            c4 = Vector512.MultiplyAddEstimate(c4, a, b); c5 = Vector512.MultiplyAddEstimate(c5, a, b);
            c6 = Vector512.MultiplyAddEstimate(c6, a, b); c7 = Vector512.MultiplyAddEstimate(c7, a, b);
            c8 = Vector512.MultiplyAddEstimate(c8, a, b); c9 = Vector512.MultiplyAddEstimate(c9, a, b);
            c10 = Vector512.MultiplyAddEstimate(c10, a, b); c11 = Vector512.MultiplyAddEstimate(c11, a, b);
        }

        return Vector512.Sum(c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11);
    }
}
