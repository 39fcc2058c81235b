using FermentEngine.Engine.Backends.Cpu;

namespace FermentEngine.Engine.Tests.Backends.Cpu;

public sealed class StrideKernelsTests
{
    [Test]
    public void Deinterleave2Vector256_OverLengths_MatchesScalar()
    {
        foreach (int length in IsaCases.Lengths(CpuIsa.Vector256))
        {
            float[] source = IsaCases.RandomFloats(new Random(800 + length), 2 * length + 1);
            float[] even = new float[length], odd = new float[length];
            float[] evenScalar = new float[length], oddScalar = new float[length];

            StrideKernels.Deinterleave2Scalar(source, evenScalar, oddScalar);
            StrideKernels.Deinterleave2Vector256(source, even, odd);

            Assert.That(even, Is.EqualTo(evenScalar), $"length {length}");
            Assert.That(odd, Is.EqualTo(oddScalar), $"length {length}");
            Assert.That(oddScalar.Take(1), Is.EqualTo(source.Skip(1).Take(Math.Min(1, length))));
        }
    }

    [Test]
    public void Interleave2Vector256_OverLengths_MatchesScalar()
    {
        foreach (int length in IsaCases.Lengths(CpuIsa.Vector256))
        {
            var random = new Random(900 + length);
            float[] even = IsaCases.RandomFloats(random, length), odd = IsaCases.RandomFloats(random, length);
            var expected = new float[2 * length];
            var actual = new float[2 * length];

            StrideKernels.Interleave2Scalar(even, odd, 0.25f, expected);
            StrideKernels.Interleave2Vector256(even, odd, 0.25f, actual);

            Assert.That(actual, Is.EqualTo(expected), $"length {length}");
            Assert.That(expected.Where((_, i) => i % 2 == 1), Is.EqualTo(odd.Select(v => v + 0.25f)));
        }
    }
}
