using FermentEngine.Engine.Backends.Cpu;

namespace FermentEngine.Engine.Tests.Backends.Cpu;

public sealed class GradGemmTests
{
    [TestCaseSource(typeof(IsaCases), nameof(IsaCases.Vector))]
    public void GradGemm_VectorVariantOverLengths_MatchesScalar(CpuIsa isa)
    {
        foreach (int length in IsaCases.Lengths(isa))
        {
            foreach (int rows in new[] { 3, 37 })
            {
                var random = new Random(200 + length);
                const int Depth = 9, Samples = 3, Ldo = 11;
                int ldg = (rows + 15) / 16 * 16 + 2, gStride = Math.Max(1, length) * ldg + 5;
                int sourceStride = length + 25;
                int[] offsets = Enumerable.Range(0, Depth).Select(_ => random.Next(0, 25)).ToArray();
                float[] g = IsaCases.RandomFloats(random, Samples * gStride);
                float[] source = IsaCases.RandomFloats(random, Samples * sourceStride);
                var args = new GradGemmArgs(rows, length, Samples, ldg, gStride, sourceStride, Ldo);
                var expected = new float[rows * Ldo];
                var actual = new float[rows * Ldo];

                GradGemm.GradGemmScalar(args, g, offsets, source, expected);
                GradGemm.Run(isa, args, g, offsets, source, actual);

                IsaCases.AssertClose(expected, actual, 1e-4, 1e-5, $"{isa} length {length} rows {rows}");
            }
        }
    }

    [Test]
    public void GradGemmScalar_KnownProduct_MatchesHandResult()
    {
        // One row, two columns, two samples of length 2; gT holds one value per time step (ldg 1).
        float[] g = [1, 2, 3, 4];
        float[] source = [1, 1, 5, 0, 2, 7];
        var output = new float[2];
        var args = new GradGemmArgs(1, 2, 2, 1, 2, 3, 2);

        GradGemm.GradGemmScalar(args, g, [0, 1], source, output);

        // Column 0: 1·1 + 2·1 + 3·0 + 4·2; column 1: 1·1 + 2·5 + 3·2 + 4·7.
        Assert.That(output, Is.EqualTo(new[] { 11f, 45f }));
    }

    [Test]
    public void GradGemmVector256_LdgBelowPaddedRows_FallsBackToScalarResult()
    {
        var args = new GradGemmArgs(3, 2, 1, 3, 6, 4, 1);
        float[] g = [1, 2, 3, 4, 5, 6];
        var actual = new float[3];

        GradGemm.GradGemmVector256(args, g, [1], [9, 1, 2, 9], actual);

        Assert.That(actual, Is.EqualTo(new[] { 1f + 8, 2f + 10, 3f + 12 }));
    }
}
