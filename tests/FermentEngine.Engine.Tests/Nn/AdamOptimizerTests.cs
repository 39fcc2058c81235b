using FermentEngine.Engine.Backends.Cpu;
using FermentEngine.Engine.Nn;

namespace FermentEngine.Engine.Tests.Nn;

public sealed class AdamOptimizerTests
{
    [Test]
    public void Step_TwoParameterExample_MatchesHandComputedUpdates()
    {
        var p = new Parameter("p", [2]);
        p.Value[0] = 1f;
        p.Value[1] = -2f;
        var adam = new AdamOptimizer([p], new CpuBackend(1), learningRate: 0.1);

        // Step 1: m̂ = g and v̂ = g², so each value moves by α·sign(g).
        p.Gradient[0] = 0.5f;
        p.Gradient[1] = -0.1f;
        adam.Step();
        Assert.That(p.Value[0], Is.EqualTo(0.9f).Within(1e-6));
        Assert.That(p.Value[1], Is.EqualTo(-1.9f).Within(1e-6));

        // Step 2 with g = 0.2 on the first value: m = 0.9·0.05 + 0.1·0.2 = 0.065,
        // v = 0.999·0.00025 + 0.001·0.04 = 0.00028975, m̂ = 0.065 / 0.19, v̂ = 0.00028975 / 0.001999,
        // step = 0.1 · 0.3421053 / 0.3807186 = 0.0898579.
        p.Gradient[0] = 0.2f;
        p.Gradient[1] = -0.1f;
        adam.Step();
        Assert.That(p.Value[0], Is.EqualTo(0.9 - 0.0898579).Within(2e-6));
        Assert.That(p.Value[1], Is.EqualTo(-1.8f).Within(1e-5));
        Assert.That(adam.StepCount, Is.EqualTo(2));
    }

    [Test]
    public void Step_QuadraticBowlFor300Steps_ReducesLossMarkedly()
    {
        var p = new Parameter("p", [7]);
        float[] target = [3f, -1f, 0.5f, 2f, -4f, 0f, 1f];
        var adam = new AdamOptimizer([p], new CpuBackend(1), learningRate: 0.05);
        double initial = Loss(p.Value, target);

        for (int step = 0; step < 300; step++)
        {
            for (int i = 0; i < target.Length; i++)
            {
                p.Gradient[i] = 2 * (p.Value[i] - target[i]);
            }

            adam.Step();
        }

        Assert.That(Loss(p.Value, target), Is.LessThan(initial / 1000));
    }

    [Test]
    public void Constructor_BetaOne_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new AdamOptimizer([new Parameter("p", [1])], new CpuBackend(1), beta1: 1.0));
    }

    private static double Loss(float[] value, float[] target) =>
        value.Zip(target, (v, t) => (double)(v - t) * (v - t)).Sum();
}
