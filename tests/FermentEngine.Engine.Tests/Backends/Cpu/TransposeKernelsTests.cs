using FermentEngine.Engine.Backends.Cpu;

namespace FermentEngine.Engine.Tests.Backends.Cpu;

public sealed class TransposeKernelsTests
{
    [Test]
    public void TransposeAvx_AllShapesUpTo3x8Plus1_MatchesScalar()
    {
        if (!System.Runtime.Intrinsics.X86.Avx.IsSupported)
        {
            Assert.Ignore("AVX is not supported on this machine.");
        }

        for (int rows = 0; rows <= 25; rows++)
        {
            for (int columns = 0; columns <= 25; columns += rows % 3 + 1)
            {
                float[] source = IsaCases.RandomFloats(new Random(rows * 31 + columns), rows * (columns + 2) + 1);
                var expected = new float[columns * (rows + 3) + 1];
                var actual = new float[expected.Length];

                TransposeKernels.TransposeScalar(source, rows, columns, columns + 2, expected, rows + 3);
                TransposeKernels.TransposeAvx(source, rows, columns, columns + 2, actual, rows + 3);

                Assert.That(actual, Is.EqualTo(expected), $"{rows} x {columns}");
            }
        }
    }

    [Test]
    public void TransposeScalar_TwoByThree_SwapsIndices()
    {
        float[] source = [1, 2, 3, 4, 5, 6];
        var destination = new float[6];

        TransposeKernels.TransposeScalar(source, 2, 3, 3, destination, 2);

        Assert.That(destination, Is.EqualTo(new float[] { 1, 4, 2, 5, 3, 6 }));
    }
}
