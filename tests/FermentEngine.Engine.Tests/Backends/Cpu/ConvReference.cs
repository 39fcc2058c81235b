using FermentEngine.Engine.Backends;

namespace FermentEngine.Engine.Tests.Backends.Cpu;

/// <summary>Convolutions straight from their definitions, in double.</summary>
internal static class ConvReference
{
    public static float[] Conv(Conv1dGeometry g, int batch, float[] x, float[] w, float[] bias)
    {
        int lo = g.OutLength, lin = g.InLength, k = g.KernelSize;
        var y = new float[batch * g.OutChannels * lo];
        for (int b = 0; b < batch; b++)
        {
            for (int co = 0; co < g.OutChannels; co++)
            {
                for (int t = 0; t < lo; t++)
                {
                    double sum = bias[co];
                    for (int ci = 0; ci < g.InChannels; ci++)
                    {
                        for (int j = 0; j < k; j++)
                        {
                            int u = g.Stride * t + j - g.Padding;
                            if (u >= 0 && u < lin)
                            {
                                sum += (double)w[(co * g.InChannels + ci) * k + j]
                                    * x[(b * g.InChannels + ci) * lin + u];
                            }
                        }
                    }

                    y[(b * g.OutChannels + co) * lo + t] = (float)sum;
                }
            }
        }

        return y;
    }

    public static float[] ConvTranspose(ConvTranspose1dGeometry g, int batch, float[] z, float[] v, float[] bias)
    {
        int lz = g.InLength, lo = g.OutLength, k = g.KernelSize, p = (k - 1) / 2;
        var sums = new double[batch * g.OutChannels * lo];
        for (int b = 0; b < batch; b++)
        {
            for (int co = 0; co < g.OutChannels; co++)
            {
                for (int u = 0; u < lo; u++)
                {
                    sums[(b * g.OutChannels + co) * lo + u] = bias[co];
                }

                for (int cz = 0; cz < g.InChannels; cz++)
                {
                    for (int t = 0; t < lz; t++)
                    {
                        for (int j = 0; j < k; j++)
                        {
                            int u = g.Stride * t + j - p;
                            if (u >= 0 && u < lo)
                            {
                                sums[(b * g.OutChannels + co) * lo + u] +=
                                    (double)v[(cz * g.OutChannels + co) * k + j] * z[(b * g.InChannels + cz) * lz + t];
                            }
                        }
                    }
                }
            }
        }

        return sums.Select(s => (float)s).ToArray();
    }
}
