namespace FermentEngine.Engine.Preprocessing;

/// <summary>Fills missing or non-finite cells of one run by an explicitly chosen policy.</summary>
internal static class MissingValueRepair
{
    /// <summary>Repairs <paramref name="values"/> (<c>[time × channel]</c>) in place.</summary>
    /// <returns>The number of cells repaired.</returns>
    /// <exception cref="FermentDataException">A channel has no finite value in the run at all.</exception>
    public static int Repair(
        float[] values, ReadOnlySpan<double> timeHours, int channelCount, MissingValuePolicy policy, string runName)
    {
        int repairs = 0;
        int steps = timeHours.Length;
        for (int c = 0; c < channelCount; c++)
        {
            int previous = -1;
            for (int t = 0; t <= steps; t++)
            {
                if (t < steps && !float.IsFinite(values[t * channelCount + c]))
                {
                    continue;
                }

                int gap = t - previous - 1;
                if (gap > 0)
                {
                    if (previous < 0 && t == steps)
                    {
                        throw new FermentDataException(
                            $"Run '{runName}': channel {c + 1} has no finite value to repair from.");
                    }

                    FillGap(values, timeHours, channelCount, c, previous, t, policy);
                    repairs += gap;
                }

                previous = t;
            }
        }

        return repairs;
    }

    // Fills steps previous+1 .. next-1 of channel c; either neighbour may be missing at the run's edges.
    private static void FillGap(
        float[] values, ReadOnlySpan<double> timeHours, int channelCount, int c, int previous, int next,
        MissingValuePolicy policy)
    {
        int steps = timeHours.Length;
        for (int t = previous + 1; t < next; t++)
        {
            float fill;
            if (previous < 0)
            {
                fill = values[next * channelCount + c];
            }
            else if (next >= steps || policy == MissingValuePolicy.HoldLast)
            {
                fill = values[previous * channelCount + c];
            }
            else
            {
                float a = values[previous * channelCount + c];
                float b = values[next * channelCount + c];
                double w = (timeHours[t] - timeHours[previous]) / (timeHours[next] - timeHours[previous]);
                fill = (float)(a + w * (b - a));
            }

            values[t * channelCount + c] = fill;
        }
    }
}
