using FermentEngine.Engine.Backends;
using FermentEngine.Engine.Backends.Cpu;

namespace FermentEngine.Engine.Tests.Backends.Cpu;

public sealed class CpuBackendConvTests
{
    private static readonly object[] s_shapes =
    [
        new object[] { 3, 4, 5, 2, 12 },
        new object[] { 5, 9, 3, 1, 7 },
        new object[] { 2, 6, 5, 3, 21 },
        new object[] { 1, 1, 1, 2, 2 },
        new object[] { 6, 5, 5, 2, 50 },
    ];

    private static IEnumerable<CpuIsa> AllIsas() => [CpuIsa.Scalar, .. IsaCases.Vector];

    [TestCaseSource(nameof(s_shapes))]
    public void Conv1dForward_EachIsa_MatchesDefinition(int cin, int cout, int k, int stride, int outLength)
    {
        var g = new Conv1dGeometry(cin, cout, k, stride, outLength * stride);
        var random = new Random(11);
        float[] x = IsaCases.RandomFloats(random, 2 * cin * g.InLength);
        float[] w = IsaCases.RandomFloats(random, g.WeightCount);
        float[] bias = IsaCases.RandomFloats(random, cout);
        float[] expected = ConvReference.Conv(g, 2, x, w, bias);
        foreach (CpuIsa isa in AllIsas().Where(CpuBackend.IsSupported))
        {
            var backend = new CpuBackend(2, isa);
            var y = new float[expected.Length];

            backend.Conv1dForward(g, 2, backend.Mirror(x), backend.Mirror(w), backend.Mirror(bias), backend.Mirror(y));

            IsaCases.AssertClose(expected, y, 1e-5, 1e-5, isa.ToString());
        }
    }

    [TestCaseSource(nameof(s_shapes))]
    public void ConvTranspose1dForward_EachIsa_MatchesDefinition(int cin, int cout, int k, int stride, int inLength)
    {
        var g = new ConvTranspose1dGeometry(cin, cout, k, stride, inLength);
        var random = new Random(12);
        float[] z = IsaCases.RandomFloats(random, 2 * cin * inLength);
        float[] v = IsaCases.RandomFloats(random, g.WeightCount);
        float[] bias = IsaCases.RandomFloats(random, cout);
        float[] expected = ConvReference.ConvTranspose(g, 2, z, v, bias);
        foreach (CpuIsa isa in AllIsas().Where(CpuBackend.IsSupported))
        {
            var backend = new CpuBackend(2, isa);
            var o = new float[expected.Length];

            backend.ConvTranspose1dForward(g, 2, backend.Mirror(z), backend.Mirror(v), backend.Mirror(bias),
                backend.Mirror(o));

            IsaCases.AssertClose(expected, o, 1e-5, 1e-5, isa.ToString());
        }
    }

    [Test]
    public void ConvPasses_OneThreadOrTwo_BitIdentical()
    {
        var g = new Conv1dGeometry(20, 32, 5, 2, 256);
        var random = new Random(13);
        float[] x = IsaCases.RandomFloats(random, 3 * 20 * 256);
        float[] w = IsaCases.RandomFloats(random, g.WeightCount);
        float[] bias = IsaCases.RandomFloats(random, 32);
        float[] dy = IsaCases.RandomFloats(random, 3 * 32 * 128);

        float[][] one = RunAllPasses(new CpuBackend(1), g, x, w, bias, dy);
        float[][] two = RunAllPasses(new CpuBackend(2), g, x, w, bias, dy);

        for (int i = 0; i < one.Length; i++)
        {
            Assert.That(two[i], Is.EqualTo(one[i]), $"pass {i}");
        }
    }

    [TestCase(2), TestCase(3)]
    public void FusedBackward_BothLayerKinds_EqualsSeparatePasses(int stride)
    {
        var backend = new CpuBackend(2);
        var random = new Random(14);
        var g = new Conv1dGeometry(6, 10, 5, stride, 24 * stride);
        var t = new ConvTranspose1dGeometry(10, 6, 5, stride, 24);
        float[] x = IsaCases.RandomFloats(random, 2 * 6 * g.InLength);
        float[] dy = IsaCases.RandomFloats(random, 2 * 10 * g.OutLength);
        float[] w = IsaCases.RandomFloats(random, g.WeightCount);
        float[][] fused = [new float[w.Length], new float[10], new float[x.Length], new float[w.Length], new float[6],
            new float[dy.Length]];
        float[][] separate = fused.Select(a => new float[a.Length]).ToArray();
        var m = (Func<float[], Engine.Backends.BackendBuffer>)backend.Mirror;

        backend.Conv1dBackward(g, 2, m(x), m(dy), m(w), m(fused[0]), m(fused[1]), m(fused[2]));
        backend.ConvTranspose1dBackward(t, 2, m(dy), m(x), m(w), m(fused[3]), m(fused[4]), m(fused[5]));
        backend.Conv1dBackwardWeights(g, 2, m(x), m(dy), m(separate[0]));
        backend.BiasGradient(m(dy), 2, 10, g.OutLength, m(separate[1]));
        backend.Conv1dBackwardData(g, 2, m(dy), m(w), m(separate[2]));
        backend.ConvTranspose1dBackwardWeights(t, 2, m(dy), m(x), m(separate[3]));
        backend.BiasGradient(m(x), 2, 6, t.OutLength, m(separate[4]));
        backend.ConvTranspose1dBackwardData(t, 2, m(x), m(w), m(separate[5]));

        for (int i = 0; i < fused.Length; i++)
        {
            Assert.That(fused[i], Is.EqualTo(separate[i]), $"gradient {i}");
            Assert.That(fused[i].Any(v => v != 0f), Is.True, $"gradient {i}");
        }
    }

    [Test]
    public void Conv1dForward_BufferTooShort_Throws()
    {
        var backend = new CpuBackend(1);
        var g = new Conv1dGeometry(2, 2, 3, 2, 8);

        Assert.Throws<ArgumentException>(() => backend.Conv1dForward(g, 1, backend.Allocate(15),
            backend.Allocate(g.WeightCount), backend.Allocate(2), backend.Allocate(8)));
    }

    private static float[][] RunAllPasses(CpuBackend b, Conv1dGeometry g, float[] x, float[] w, float[] bias,
        float[] dy)
    {
        var y = new float[dy.Length];
        var dx = new float[x.Length];
        var dw = new float[w.Length];
        var db = new float[bias.Length];
        b.Conv1dForward(g, 3, b.Mirror(x), b.Mirror(w), b.Mirror(bias), b.Mirror(y));
        b.Conv1dBackwardData(g, 3, b.Mirror(dy), b.Mirror(w), b.Mirror(dx));
        b.Conv1dBackwardWeights(g, 3, b.Mirror(x), b.Mirror(dy), b.Mirror(dw));
        b.BiasGradient(b.Mirror(dy), 3, g.OutChannels, g.OutLength, b.Mirror(db));
        return [y, dx, dw, db];
    }
}
