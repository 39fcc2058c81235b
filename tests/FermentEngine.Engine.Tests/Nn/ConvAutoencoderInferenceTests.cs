using FermentEngine.Engine.Backends.Cpu;
using FermentEngine.Engine.Nn;

namespace FermentEngine.Engine.Tests.Nn;

public sealed class ConvAutoencoderInferenceTests
{
    [TestCase(1), TestCase(7), TestCase(53), TestCase(301)]
    public void Reconstruct_AnyLength_FiniteOutputOfSameLength(int length)
    {
        ConvAutoencoder model = ModelTestData.Model(ModelTestData.Small, seed: 41);
        float[] run = ModelTestData.SmoothSeries(42, 1, length, 5);
        var output = new float[run.Length];
        output.AsSpan().Fill(float.NaN);

        model.Reconstruct(run, length, output);

        Assert.That(output.All(float.IsFinite), Is.True);
        Assert.That(output.Any(v => v != 0f), Is.True);
    }

    [TestCase(1, 1), TestCase(3, 3), TestCase(5, 2)]
    public void Reconstruct_OtherStridesAndOneWidth_FiniteOutputOfSameLength(int kernelSize, int stride)
    {
        ConvAutoencoder model = ModelTestData.Model(new AutoencoderArchitecture(3, [6], kernelSize, stride), 40);
        float[] run = ModelTestData.SmoothSeries(41, 1, 29, 3);
        var output = new float[run.Length];

        model.Reconstruct(run, 29, output);

        Assert.That(output.All(float.IsFinite), Is.True);
        Assert.That(model.Architecture.Downsampling, Is.EqualTo(stride));
    }

    [Test]
    public void Reconstruct_LengthMultipleOfDownsampling_EqualsForwardBatchOne()
    {
        ConvAutoencoder model = ModelTestData.Model(ModelTestData.Small, seed: 43);
        float[] run = ModelTestData.SmoothSeries(44, 1, 96, 5);
        var viaReconstruct = new float[run.Length];
        var viaForward = new float[run.Length];

        model.Reconstruct(run, 96, viaReconstruct);
        model.Forward(run, 1, 96, viaForward);

        Assert.That(viaReconstruct, Is.EqualTo(viaForward));
    }

    [Test]
    public void Forward_SampleInLargerBatch_SameAsAlone()
    {
        ConvAutoencoder model = ModelTestData.Model(ModelTestData.Small, seed: 45);
        float[] batch = ModelTestData.SmoothSeries(46, 3, 32, 5);
        var all = new float[batch.Length];
        var alone = new float[32 * 5];

        model.Forward(batch, 3, 32, all);
        model.Forward(batch.AsSpan(32 * 5, 32 * 5), 1, 32, alone);

        Assert.That(all.AsSpan(32 * 5, 32 * 5).ToArray(), Is.EqualTo(alone));
    }

    [Test]
    public void Reconstruct_ConcurrentCallers_IdenticalToSequential()
    {
        ConvAutoencoder model = ModelTestData.Model(new AutoencoderArchitecture(20, [32, 32, 48]), seed: 47);
        float[][] runs = Enumerable.Range(0, 4).Select(i => ModelTestData.SmoothSeries(50 + i, 1, 1200 - 7 * i, 20))
            .ToArray();
        float[][] sequential = runs.Select(r => Reconstruct(model, r)).ToArray();

        float[][] concurrent = new float[runs.Length * 3][];
        Parallel.For(0, concurrent.Length, new ParallelOptions { MaxDegreeOfParallelism = 6 },
            i => concurrent[i] = Reconstruct(model, runs[i % runs.Length]));

        for (int i = 0; i < concurrent.Length; i++)
        {
            Assert.That(concurrent[i], Is.EqualTo(sequential[i % runs.Length]), $"call {i}");
        }
    }

    [Test]
    public void ReceptiveField_TinyModel_EqualsWidestMeasuredInfluence()
    {
        ConvAutoencoder model = ModelTestData.Model(new AutoencoderArchitecture(1, [2, 3], KernelSize: 5), seed: 48);
        const int Length = 96;
        float[] baseRun = ModelTestData.SmoothSeries(49, 1, Length, 1);
        var reference = new float[Length];
        model.Forward(baseRun, 1, Length, reference);
        var influence = new int[Length];

        for (int u = 0; u < Length; u++)
        {
            float[] perturbed = (float[])baseRun.Clone();
            perturbed[u] += 1f;
            var output = new float[Length];
            model.Forward(perturbed, 1, Length, output);
            for (int o = 0; o < Length; o++)
            {
                influence[o] += output[o] != reference[o] ? 1 : 0;
            }
        }

        // Away from the edges the zero padding does not cut the field short.
        Assert.That(influence.Skip(32).Take(32).Max(), Is.EqualTo(model.ReceptiveField));
    }

    [Test]
    public void Parameters_DefaultShape_StableNamesAndShapes()
    {
        ConvAutoencoder model = ModelTestData.Model(new AutoencoderArchitecture(20, [32, 32, 48]), seed: 1);

        string[] described = model.Parameters.Select(p => $"{p.Name}:{string.Join('x', p.Shape)}").ToArray();

        Assert.That(described, Is.EqualTo(new[]
        {
            "encoder.0.weight:32x20x5", "encoder.0.bias:32", "encoder.1.weight:32x32x5", "encoder.1.bias:32",
            "encoder.2.weight:48x32x5", "encoder.2.bias:48", "decoder.0.weight:48x32x5", "decoder.0.bias:32",
            "decoder.1.weight:32x32x5", "decoder.1.bias:32", "decoder.2.weight:32x20x5", "decoder.2.bias:20",
        }));
        Assert.That(model.Architecture.Downsampling, Is.EqualTo(8));
    }

    [Test]
    public void Constructor_SameSeed_SameWeights_DifferentSeed_Different()
    {
        float[] a = ModelTestData.Model(ModelTestData.Small, seed: 3).Parameters[2].Value;
        float[] b = ModelTestData.Model(ModelTestData.Small, seed: 3).Parameters[2].Value;
        float[] c = ModelTestData.Model(ModelTestData.Small, seed: 4).Parameters[2].Value;

        Assert.That(b, Is.EqualTo(a));
        Assert.That(c, Is.Not.EqualTo(a));
    }

    [Test]
    public void Forward_LengthNotMultipleOfDownsampling_Throws()
    {
        ConvAutoencoder model = ModelTestData.Model(ModelTestData.Small, seed: 2);

        Assert.Throws<ArgumentException>(() => model.Forward(new float[12 * 5], 1, 12, new float[12 * 5]));
    }

    [Test]
    public void Constructor_EvenKernel_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new ConvAutoencoder(new AutoencoderArchitecture(3, [4], KernelSize: 4), CpuBackend.Shared, 0));
    }

    private static float[] Reconstruct(ConvAutoencoder model, float[] run)
    {
        var output = new float[run.Length];
        model.Reconstruct(run, run.Length / model.Architecture.ChannelCount, output);
        return output;
    }
}
