using FermentEngine.Engine.Backends.Cpu;

namespace FermentEngine.Engine.Tests.Backends.Cpu;

/// <summary>Vector instruction sets under test, and helpers shared by the kernel variant tests.</summary>
internal static class IsaCases
{
    public static readonly CpuIsa[] Vector = [CpuIsa.Vector128, CpuIsa.Vector256, CpuIsa.Vector512];

    public static int Width(CpuIsa isa) => isa switch
    {
        CpuIsa.Vector128 => 4,
        CpuIsa.Vector256 => 8,
        CpuIsa.Vector512 => 16,
        _ => 1,
    };

    /// <summary>Lengths 0 … 3·width + 1 of the given instruction set; ignores the test where it is not accelerated.
    /// </summary>
    public static IEnumerable<int> Lengths(CpuIsa isa)
    {
        if (!CpuBackend.IsSupported(isa))
        {
            Assert.Ignore($"{isa} is not accelerated on this machine.");
        }

        return Enumerable.Range(0, 3 * Width(isa) + 2);
    }

    public static float[] RandomFloats(Random random, int count, float scale = 1f)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = (float)(random.NextDouble() * 2 - 1) * scale;
        }

        return values;
    }

    /// <summary>|a − e| ≤ relative·max(|a|, |e|) + absolute for every element.</summary>
    public static void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, double relative,
        double absolute, string context)
    {
        Assert.That(actual.Length, Is.EqualTo(expected.Length), context);
        for (int i = 0; i < expected.Length; i++)
        {
            double e = expected[i], a = actual[i];
            double bound = relative * Math.Max(Math.Abs(e), Math.Abs(a)) + absolute;
            if (!(Math.Abs(a - e) <= bound))
            {
                Assert.Fail($"{context}: element {i} is {a}, expected {e} (bound {bound}).");
            }
        }
    }
}
