using FermentEngine.Engine.Backends;
using FermentEngine.Engine.Backends.Cpu;
using FermentEngine.Engine.Nn;
using FermentEngine.Engine.Tests.Backends;
using FermentEngine.Engine.Tests.Backends.Cpu;

namespace FermentEngine.Engine.Tests.Nn;

public sealed class LayerGradientTests
{
    private const int Batch = 2;

    [TestCase(1, 3), TestCase(2, 5), TestCase(3, 3), TestCase(2, 1)]
    public void Conv1dLayerBackward_TinyShape_MatchesFiniteDifferences(int stride, int kernelSize)
    {
        var layer = new Conv1dLayer("c", 3, 2, kernelSize, stride);
        CheckLayer(layer, 4 * stride, seed: 21);
    }

    [TestCase(1, 3), TestCase(2, 5), TestCase(3, 3), TestCase(2, 1)]
    public void ConvTranspose1dLayerBackward_TinyShape_MatchesFiniteDifferences(int stride, int kernelSize)
    {
        var layer = new ConvTranspose1dLayer("t", 3, 2, kernelSize, stride);
        CheckLayer(layer, 5, seed: 22);
    }

    [Test]
    public void EluBackward_MixedSigns_MatchesFiniteDifferences()
    {
        var backend = new CpuBackend(1);
        var random = new Random(23);
        float[] x = IsaCases.RandomFloats(random, 37, 3f);
        float[] r = IsaCases.RandomFloats(random, 37);
        var y = new float[37];
        var grad = (float[])r.Clone();
        x.CopyTo(y, 0);
        backend.EluForward(backend.Mirror(y), y.Length);

        backend.EluBackward(backend.Mirror(y), backend.Mirror(grad), y.Length);

        GradientCheck.AssertMatches(x, grad, () =>
        {
            var copy = (float[])x.Clone();
            backend.EluForward(backend.Mirror(copy), copy.Length);
            return GradientCheck.Dot(r, copy);
        }, 1e-3, 1e-2, 1e-3, "elu");
    }

    [Test]
    public void MseLoss_RandomCells_GradientMatchesFiniteDifferences()
    {
        var backend = new CpuBackend(1);
        var random = new Random(24);
        float[] p = IsaCases.RandomFloats(random, 29), t = IsaCases.RandomFloats(random, 29);
        var grad = new float[29];

        float loss = backend.MseLoss(backend.Mirror(p), backend.Mirror(t), 29, backend.Mirror(grad));

        double expected = p.Zip(t, (a, b) => (double)(a - b) * (a - b)).Sum() / 29;
        Assert.That(loss, Is.EqualTo(expected).Within(1e-6));
        GradientCheck.AssertMatches(p, grad, () => p.Zip(t, (a, b) => (double)(a - b) * (a - b)).Sum() / 29,
            1e-2, 1e-3, 1e-5, "mse");
    }

    // Loss = Σ R ⊙ layer(x): its gradient is the layer's backward pass with gradOutput = R.
    private static void CheckLayer(ILayer layer, int inLength, int seed)
    {
        var backend = new CpuBackend(2);
        var random = new Random(seed);
        int outLength = layer.OutLength(inLength);
        float[] x = IsaCases.RandomFloats(random, Batch * layer.InChannels * inLength);
        float[] r = IsaCases.RandomFloats(random, Batch * layer.OutChannels * outLength);
        IsaCases.RandomFloats(random, layer.Weight.Count).CopyTo(layer.Weight.Value, 0);
        IsaCases.RandomFloats(random, layer.Bias.Count).CopyTo(layer.Bias.Value, 0);
        var dx = new float[x.Length];

        layer.Backward(backend, Batch, inLength, backend.Mirror(x), backend.Mirror(r), backend.Mirror(dx));

        double Loss()
        {
            var y = new float[r.Length];
            layer.Forward(backend, Batch, inLength, backend.Mirror(x), backend.Mirror(y));
            return GradientCheck.Dot(r, y);
        }

        float[] dw = (float[])layer.Weight.Gradient.Clone(), db = (float[])layer.Bias.Gradient.Clone();
        GradientCheck.AssertMatches(x, dx, Loss, 1e-2, 1e-3, 1e-4, "input");
        GradientCheck.AssertMatches(layer.Weight.Value, dw, Loss, 1e-2, 1e-3, 1e-4, "weight");
        GradientCheck.AssertMatches(layer.Bias.Value, db, Loss, 1e-2, 1e-3, 1e-4, "bias");
    }
}
