using FermentEngine.Engine.Backends.Cpu;

namespace FermentEngine.Engine.Tests.Backends.Cpu;

public sealed class RowGemmTests
{
    [TestCaseSource(typeof(IsaCases), nameof(IsaCases.Vector))]
    public void RowGemm_VectorVariantOverLengths_MatchesScalar(CpuIsa isa)
    {
        foreach (int length in IsaCases.Lengths(isa))
        {
            foreach (bool withBias in new[] { false, true })
            {
                var random = new Random(100 + length);
                const int Rows = 9, Depth = 7, Lda = 8, Ldo = 60;
                int[] offsets = Enumerable.Range(0, Depth).Select(_ => random.Next(0, 20)).ToArray();
                float[] a = IsaCases.RandomFloats(random, Rows * Lda);
                float[] source = IsaCases.RandomFloats(random, 20 + length);
                float[] bias = withBias ? IsaCases.RandomFloats(random, Rows) : [];
                var expected = new float[Rows * Ldo];
                var actual = new float[Rows * Ldo];

                RowGemm.RowGemmScalar(a, Lda, Rows, offsets, source, bias, expected, Ldo, length);
                RowGemm.Run(isa, a, Lda, Rows, offsets, source, bias, actual, Ldo, length);

                IsaCases.AssertClose(expected, actual, 1e-5, 1e-6, $"{isa} length {length} bias {withBias}");
            }
        }
    }

    [Test]
    public void RowGemmScalar_KnownProduct_MatchesHandResult()
    {
        // Two rows, depth 2: out[i][j] = bias[i] + a[i][0]·s[j] + a[i][1]·s[2 + j].
        float[] a = [1, 2, 3, 4];
        float[] source = [1, 10, 100, 1000];
        var output = new float[4];

        RowGemm.RowGemmScalar(a, 2, 2, [0, 2], source, [0.5f, -1], output, 2, 2);

        Assert.That(output, Is.EqualTo(new[] { 201.5f, 2010.5f, 402f, 4029f }));
    }

    [Test]
    public void RowGemmScalar_OffsetPastSource_Throws()
    {
        Assert.Throws<ArgumentException>(() =>
            RowGemm.RowGemmScalar([1f], 1, 1, [3], new float[4], [], new float[2], 2, 2));
    }
}
