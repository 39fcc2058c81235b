using FermentEngine.Engine.Backends;
using System.Runtime.Intrinsics;
using FermentEngine.Engine.Backends.Cpu;

namespace FermentEngine.Engine.Tests.Backends.Cpu;

public sealed class ElementwiseKernelTests
{
    [TestCaseSource(typeof(IsaCases), nameof(IsaCases.Vector))]
    public void EluForward_VectorVariantOverLengths_MatchesScalar(CpuIsa isa)
    {
        foreach (int length in IsaCases.Lengths(isa))
        {
            float[] expected = IsaCases.RandomFloats(new Random(300 + length), length, 4f);
            float[] actual = (float[])expected.Clone();

            EluKernels.EluForwardScalar(expected);
            EluKernels.Forward(isa, actual);

            IsaCases.AssertClose(expected, actual, 1e-6, 3e-7, $"{isa} length {length}");
        }
    }

    [Test]
    public void ExpNonPositive_EachVectorWidth_WithinTwoTenthsOfAMillionth()
    {
        var random = new Random(310);
        for (int i = 0; i < 2000; i++)
        {
            float x = i < 3 ? new[] { 0f, -87f, -100f }[i] : (float)(-90 * random.NextDouble());
            double expected = Math.Exp(Math.Max(x, -87.0));

            float[] got =
            [
                Vector128Ops.ExpNonPositive(Vector128.Create(x)).GetElement(1),
                Vector256Ops.ExpNonPositive(Vector256.Create(x)).GetElement(5),
                Vector512Ops.ExpNonPositive(Vector512.Create(x)).GetElement(11),
            ];

            foreach (float value in got)
            {
                Assert.That(Math.Abs(value - expected), Is.LessThanOrEqualTo(2e-7 * expected), $"x = {x}");
            }
        }
    }

    [TestCaseSource(typeof(IsaCases), nameof(IsaCases.Vector))]
    public void EluBackward_VectorVariantOverLengths_MatchesScalar(CpuIsa isa)
    {
        foreach (int length in IsaCases.Lengths(isa))
        {
            var random = new Random(400 + length);
            float[] output = IsaCases.RandomFloats(random, length, 2f);
            float[] expected = IsaCases.RandomFloats(random, length);
            float[] actual = (float[])expected.Clone();

            EluKernels.EluBackwardScalar(output, expected);
            EluKernels.Backward(isa, output, actual);

            IsaCases.AssertClose(expected, actual, 1e-6, 0, $"{isa} length {length}");
        }
    }

    [TestCaseSource(typeof(IsaCases), nameof(IsaCases.Vector))]
    public void AdamUpdate_VectorVariantOverLengths_MatchesScalar(CpuIsa isa)
    {
        var settings = new AdamSettings(1e-2, 0.9, 0.999, 1e-8, 3);
        foreach (int length in IsaCases.Lengths(isa))
        {
            var random = new Random(500 + length);
            float[] g = IsaCases.RandomFloats(random, length);
            float[][] expected = [IsaCases.RandomFloats(random, length), IsaCases.RandomFloats(random, length),
                IsaCases.RandomFloats(random, length).Select(MathF.Abs).ToArray()];
            float[][] actual = expected.Select(a => (float[])a.Clone()).ToArray();

            AdamKernels.AdamUpdateScalar(expected[0], g, expected[1], expected[2], settings);
            AdamKernels.Update(isa, actual[0], g, actual[1], actual[2], settings);

            for (int k = 0; k < 3; k++)
            {
                IsaCases.AssertClose(expected[k], actual[k], 1e-5, 1e-7, $"{isa} length {length} operand {k}");
            }
        }
    }

    [TestCaseSource(typeof(IsaCases), nameof(IsaCases.Vector))]
    public void SquaredError_VectorVariantOverLengths_MatchesScalar(CpuIsa isa)
    {
        foreach (int length in IsaCases.Lengths(isa))
        {
            var random = new Random(600 + length);
            float[] p = IsaCases.RandomFloats(random, length), t = IsaCases.RandomFloats(random, length);
            var expected = new float[length];
            var actual = new float[length];

            double expectedSum = ReductionKernels.SquaredErrorScalar(p, t, expected, 0.5f);
            double actualSum = ReductionKernels.SquaredError(isa, p, t, actual, 0.5f);

            Assert.That(actualSum, Is.EqualTo(expectedSum).Within(1e-5 * (1 + expectedSum)), $"{isa} {length}");
            IsaCases.AssertClose(expected, actual, 1e-6, 0, $"{isa} length {length}");
        }
    }

    [TestCaseSource(typeof(IsaCases), nameof(IsaCases.Vector))]
    public void RowSum_VectorVariantOverLengths_MatchesScalar(CpuIsa isa)
    {
        foreach (int length in IsaCases.Lengths(isa))
        {
            float[] row = IsaCases.RandomFloats(new Random(700 + length), length);

            float expected = ReductionKernels.RowSumScalar(row);
            float actual = ReductionKernels.RowSum(isa, row);

            Assert.That(actual, Is.EqualTo(expected).Within(1e-5 * (1 + length)), $"{isa} length {length}");
        }
    }
}
