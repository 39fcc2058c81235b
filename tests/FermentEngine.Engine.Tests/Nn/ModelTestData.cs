using FermentEngine.Engine.Backends.Cpu;
using FermentEngine.Engine.Nn;

namespace FermentEngine.Engine.Tests.Nn;

/// <summary>Small architectures and smooth synthetic series for model tests.</summary>
internal static class ModelTestData
{
    public static readonly AutoencoderArchitecture Tiny = new(2, [3, 4], KernelSize: 3, Stride: 2);

    public static readonly AutoencoderArchitecture Small = new(5, [8, 8, 12]);

    /// <summary>Windows of a few sines per channel with random phase, frequency and offset; [batch × length ×
    /// channel].
    /// </summary>
    public static float[] SmoothSeries(int seed, int batch, int length, int channels)
    {
        var random = new Random(seed);
        var values = new float[batch * length * channels];
        for (int b = 0; b < batch; b++)
        {
            for (int c = 0; c < channels; c++)
            {
                double phase = random.NextDouble() * 2 * Math.PI, frequency = 0.02 + 0.05 * random.NextDouble();
                double offset = random.NextDouble() - 0.5, amplitude = 0.5 + random.NextDouble();
                for (int t = 0; t < length; t++)
                {
                    double x = offset + amplitude * Math.Sin(phase + frequency * t)
                        + 0.3 * Math.Sin(2 * phase + 2.3 * frequency * t);
                    values[(b * length + t) * channels + c] = (float)x;
                }
            }
        }

        return values;
    }

    public static double Mse(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += (double)(a[i] - b[i]) * (a[i] - b[i]);
        }

        return sum / a.Length;
    }

    public static ConvAutoencoder Model(AutoencoderArchitecture architecture, int seed, int threads = 2) =>
        new(architecture, new CpuBackend(threads), seed);
}
