using FermentEngine.Engine.Backends.Cpu;
using FermentEngine.Engine.Nn;
using FermentEngine.Engine.Tests.Backends;

namespace FermentEngine.Engine.Tests.Nn;

public sealed class ConvAutoencoderTrainingTests
{
    [TestCase(2, 3, 8), TestCase(1, 5, 6), TestCase(3, 3, 18)]
    public void TrainStep_TinyModel_GradientsMatchFiniteDifferences(int stride, int kernelSize, int length)
    {
        var architecture = new AutoencoderArchitecture(2, [3, 4], kernelSize, stride);
        ConvAutoencoder model = ModelTestData.Model(architecture, seed: 31);
        const int Batch = 2;
        float[] input = ModelTestData.SmoothSeries(32, Batch, length, 2);
        var output = new float[input.Length];

        float loss = model.TrainStep(input, Batch, length);

        double Loss()
        {
            model.Forward(input, Batch, length, output);
            return ModelTestData.Mse(output, input);
        }

        Assert.That(loss, Is.EqualTo(Loss()).Within(1e-5 * (1 + loss)));
        foreach (Parameter p in model.Parameters)
        {
            float[] analytic = (float[])p.Gradient.Clone();
            GradientCheck.AssertMatches(p.Value, analytic, Loss, 3e-3, 2e-2, 2e-4, p.Name);
        }
    }

    [Test]
    public void TrainStep_CalledTwice_OverwritesGradients()
    {
        ConvAutoencoder model = ModelTestData.Model(ModelTestData.Tiny, seed: 33);
        float[] input = ModelTestData.SmoothSeries(34, 2, 8, 2);

        model.TrainStep(input, 2, 8);
        float[] first = model.Parameters[0].Gradient.ToArray();
        model.TrainStep(input, 2, 8);

        Assert.That(model.Parameters[0].Gradient, Is.EqualTo(first));
    }

    [Test]
    public void TrainStep_AlternatingShapes_SameGradientsAsFreshModel()
    {
        ConvAutoencoder reused = ModelTestData.Model(ModelTestData.Small, seed: 35);
        ConvAutoencoder fresh = ModelTestData.Model(ModelTestData.Small, seed: 35);
        float[] full = ModelTestData.SmoothSeries(36, 4, 32, 5), last = ModelTestData.SmoothSeries(37, 3, 16, 5);

        reused.TrainStep(full, 4, 32);
        reused.TrainStep(last, 3, 16);
        float lossReused = reused.TrainStep(full, 4, 32);
        float lossFresh = fresh.TrainStep(full, 4, 32);

        Assert.That(lossReused, Is.EqualTo(lossFresh));
        for (int i = 0; i < fresh.Parameters.Count; i++)
        {
            Assert.That(reused.Parameters[i].Gradient, Is.EqualTo(fresh.Parameters[i].Gradient), $"parameter {i}");
        }
    }

    [Test]
    public void AdamSteps_SameSeed_BitIdenticalWeightsAcrossThreadCounts()
    {
        float[][] a = Train(seed: 5, threads: 1);
        float[][] b = Train(seed: 5, threads: 2);
        float[][] c = Train(seed: 6, threads: 2);

        for (int i = 0; i < a.Length; i++)
        {
            Assert.That(b[i], Is.EqualTo(a[i]), $"parameter {i}");
        }

        Assert.That(c[0], Is.Not.EqualTo(a[0]));
    }

    [Test]
    public void TrainWithAdam_SmoothSeries_ReducesMseByLargeFactor()
    {
        var architecture = new AutoencoderArchitecture(4, [16, 16]);
        ConvAutoencoder model = ModelTestData.Model(architecture, seed: 7);
        var adam = new AdamOptimizer(model.Parameters, model.Backend, learningRate: 3e-3);
        float[] validation = ModelTestData.SmoothSeries(999, 8, 64, 4);
        var output = new float[validation.Length];
        model.Forward(validation, 8, 64, output);
        double before = ModelTestData.Mse(output, validation);

        for (int step = 0; step < 300; step++)
        {
            model.TrainStep(ModelTestData.SmoothSeries(step, 8, 64, 4), 8, 64);
            adam.Step();
        }

        model.Forward(validation, 8, 64, output);
        double after = ModelTestData.Mse(output, validation);
        TestContext.Out.WriteLine($"MSE {before} → {after}");
        Assert.That(after, Is.LessThan(before / 20), $"MSE {before} → {after}");
    }

    private static float[][] Train(int seed, int threads)
    {
        ConvAutoencoder model = ModelTestData.Model(ModelTestData.Small, seed, threads);
        var adam = new AdamOptimizer(model.Parameters, model.Backend, learningRate: 1e-2);
        for (int step = 0; step < 4; step++)
        {
            model.TrainStep(ModelTestData.SmoothSeries(100 + step, 3, 48, 5), 3, 48);
            adam.Step();
        }

        return model.Parameters.Select(p => p.Value.ToArray()).ToArray();
    }
}
