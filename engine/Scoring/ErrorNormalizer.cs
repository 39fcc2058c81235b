namespace FermentEngine.Engine.Scoring;

/// <summary>
/// Expresses squared reconstruction errors in units of the error that good held-out runs show for the same
/// channel at the same position. A network reconstructs the first and last steps of a run (where its convolutions
/// see padding) worse than the interior, and some channels worse than others; dividing by this expectation keeps
/// those normal differences from hiding a real deviation or from raising alarms at every run's end.
/// </summary>
/// <remarks>Positions within <see cref="EdgeSteps"/> of the start (and of the end, for a run that has ended) use
/// the expectation of their distance bin; all other steps use the interior expectation. Immutable.</remarks>
public sealed class ErrorNormalizer
{
    /// <summary>Steps per distance bin near an edge.</summary>
    public const int BinSize = 4;

    /// <summary>Creates a normaliser from stored expectations.</summary>
    /// <param name="edgeSteps">Steps from an edge that are treated as edge steps (a multiple of BinSize).</param>
    /// <param name="interior">Expected squared error of each channel in the interior.</param>
    /// <param name="start">Expected squared error <c>[bin × channel]</c> by distance from the start.</param>
    /// <param name="end">Expected squared error <c>[bin × channel]</c> by distance from the end.</param>
    public ErrorNormalizer(int edgeSteps, float[] interior, float[] start, float[] end)
    {
        EdgeSteps = edgeSteps;
        Interior = interior;
        Start = start;
        End = end;
    }

    /// <summary>Steps from an edge that use edge expectations.</summary>
    public int EdgeSteps { get; }

    /// <summary>Expected squared error per channel in the interior.</summary>
    public float[] Interior { get; }

    /// <summary>Expected squared error <c>[bin × channel]</c> by distance from the start.</summary>
    public float[] Start { get; }

    /// <summary>Expected squared error <c>[bin × channel]</c> by distance from the end.</summary>
    public float[] End { get; }

    /// <summary>Fits the expectations on raw squared errors <c>[time × channel]</c> of good held-out runs.</summary>
    public static ErrorNormalizer Fit(IReadOnlyList<float[]> squaredErrors, int channelCount, int edgeSteps)
    {
        edgeSteps = (edgeSteps + BinSize - 1) / BinSize * BinSize;
        int bins = edgeSteps / BinSize;
        var interior = new double[channelCount];
        var start = new double[bins * channelCount];
        var end = new double[bins * channelCount];
        long interiorCount = 0;
        var startCount = new long[bins];
        var endCount = new long[bins];
        foreach (float[] squared in squaredErrors)
        {
            int steps = squared.Length / channelCount;
            for (int t = 0; t < steps; t++)
            {
                ReadOnlySpan<float> row = squared.AsSpan(t * channelCount, channelCount);
                int fromEnd = steps - 1 - t;
                if (t < edgeSteps)
                {
                    Add(start.AsSpan(t / BinSize * channelCount, channelCount), row);
                    startCount[t / BinSize]++;
                }
                else if (fromEnd < edgeSteps)
                {
                    Add(end.AsSpan(fromEnd / BinSize * channelCount, channelCount), row);
                    endCount[fromEnd / BinSize]++;
                }
                else
                {
                    Add(interior, row);
                    interiorCount++;
                }
            }
        }

        if (interiorCount == 0)
        {
            // Runs too short for an interior: their edge steps stand in for it.
            for (int i = 0; i < start.Length; i++)
            {
                interior[i % channelCount] += start[i] + end[i];
            }

            interiorCount = startCount.Sum() + endCount.Sum();
        }

        float[] interiorMean = Means(interior, [interiorCount], channelCount, null);
        return new ErrorNormalizer(edgeSteps, interiorMean, Means(start, startCount, channelCount, interiorMean),
            Means(end, endCount, channelCount, interiorMean));
    }

    /// <summary>The same expectations with channel c multiplied by <paramref name="factors"/>[c].</summary>
    public ErrorNormalizer Scaled(float[] factors)
    {
        float[] Scale(float[] table)
        {
            var scaled = (float[])table.Clone();
            for (int i = 0; i < scaled.Length; i++)
            {
                scaled[i] *= factors[i % factors.Length];
            }

            return scaled;
        }

        return new ErrorNormalizer(EdgeSteps, Scale(Interior), Scale(Start), Scale(End));
    }

    /// <summary>Divides <paramref name="squared"/> (<c>[time × channel]</c>) by the expectations, in place.</summary>
    /// <param name="hasEnded">Whether the last step is the end of the run (false for steps of a live run).</param>
    public void Normalize(Span<float> squared, int channelCount, bool hasEnded, int stepOffset = 0)
    {
        int steps = squared.Length / channelCount;
        int totalSteps = stepOffset + steps;
        for (int t = 0; t < steps; t++)
        {
            ReadOnlySpan<float> expected = Expected(stepOffset + t, totalSteps, hasEnded, channelCount);
            Span<float> row = squared.Slice(t * channelCount, channelCount);
            for (int c = 0; c < channelCount; c++)
            {
                row[c] /= expected[c];
            }
        }
    }

    /// <summary>The expectations of the step at <paramref name="position"/> of a run of
    /// <paramref name="totalSteps"/> steps so far, one per channel.</summary>
    /// <param name="hasEnded">Whether the run ends after <paramref name="totalSteps"/>; only then do end bins apply.
    /// </param>
    public ReadOnlySpan<float> Expected(int position, int totalSteps, bool hasEnded, int channelCount)
    {
        int fromEnd = totalSteps - 1 - position;
        return position < EdgeSteps
            ? Start.AsSpan(position / BinSize * channelCount, channelCount)
            : hasEnded && fromEnd < EdgeSteps
                ? End.AsSpan(fromEnd / BinSize * channelCount, channelCount)
                : Interior;
    }

    private static void Add(Span<double> sums, ReadOnlySpan<float> row)
    {
        for (int c = 0; c < row.Length; c++)
        {
            sums[c] += row[c];
        }
    }

    // Bin means with a floor of 5 % of the mean interior expectation, so that a channel the network reconstructs
    // almost perfectly (a constant one) does not turn tiny numerical changes into large errors; empty bins fall
    // back to the interior.
    private static float[] Means(double[] sums, long[] counts, int channelCount, float[]? fallback)
    {
        var means = new float[sums.Length];
        for (int i = 0; i < sums.Length; i++)
        {
            long count = counts[counts.Length == 1 ? 0 : i / channelCount];
            means[i] = count > 0 ? (float)(sums[i] / count) : fallback?[i % channelCount] ?? 1f;
        }

        // The interior expectation sets the floor: the fallback where given, else these means themselves.
        double typical = (fallback ?? means).Average(v => (double)v);
        float floor = (float)Math.Max(0.05 * typical, 1e-12);
        for (int i = 0; i < means.Length; i++)
        {
            means[i] = Math.Max(means[i], floor);
        }

        return means;
    }
}
