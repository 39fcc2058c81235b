using FermentEngine.Engine.Backends.Cpu;

namespace FermentEngine.Engine.Tests.Backends.Cpu;

public sealed class GradGemmTests
{
    [TestCaseSource(typeof(IsaCases), nameof(IsaCases.Vector))]
    public void GradGemm_VectorVariantOverLengths_MatchesScalar(CpuIsa isa)
    {
        foreach (int length in IsaCases.Lengths(isa))
        {
            var random = new Random(200 + length);
            const int Rows = 6, Depth = 9, Samples = 3, Ldo = 11;
            int ldg = length + 3, gStride = Rows * ldg, sourceStride = length + 25;
            int[] offsets = Enumerable.Range(0, Depth).Select(_ => random.Next(0, 25)).ToArray();
            float[] g = IsaCases.RandomFloats(random, Samples * gStride);
            float[] source = IsaCases.RandomFloats(random, Samples * sourceStride);
            var args = new GradGemmArgs(Rows, length, Samples, ldg, gStride, sourceStride, Ldo);
            var expected = new float[Rows * Ldo];
            var actual = new float[Rows * Ldo];

            GradGemm.GradGemmScalar(args, g, offsets, source, expected);
            GradGemm.Run(isa, args, g, offsets, source, actual);

            IsaCases.AssertClose(expected, actual, 1e-4, 1e-5, $"{isa} length {length}");
        }
    }

    [Test]
    public void GradGemmScalar_KnownProduct_MatchesHandResult()
    {
        // One row, two columns, two samples of length 2.
        float[] g = [1, 2, 3, 4];
        float[] source = [1, 1, 5, 0, 2, 7];
        var output = new float[2];
        var args = new GradGemmArgs(1, 2, 2, 2, 2, 3, 2);

        GradGemm.GradGemmScalar(args, g, [0, 1], source, output);

        // Column 0: 1·1 + 2·1 + 3·0 + 4·2; column 1: 1·1 + 2·5 + 3·2 + 4·7.
        Assert.That(output, Is.EqualTo(new[] { 11f, 45f }));
    }
}
