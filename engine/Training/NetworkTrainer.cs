using FermentEngine.Engine.Backends.Cpu;
using FermentEngine.Engine.Nn;

namespace FermentEngine.Engine.Training;

/// <summary>
/// Trains one autoencoder: Adam on mini-batches of random crops of the training runs, early stopping on the
/// whole-run reconstruction MSE of validation runs, best weights restored at the end.
/// </summary>
internal sealed class NetworkTrainer
{
    private readonly TrainingOptions _options;
    private readonly AutoencoderArchitecture _architecture;
    private readonly int _cropLength;

    public NetworkTrainer(TrainingOptions options, AutoencoderArchitecture architecture, int windowLength)
    {
        _options = options;
        _architecture = architecture;
        int d = architecture.Downsampling;
        _cropLength = Math.Max(d, windowLength / d * d);
    }

    /// <summary>The outcome of one training stage.</summary>
    public sealed record Result(ConvAutoencoder Network, int Epochs, double TrainingLoss, double ValidationLoss);

    /// <summary>Trains on <paramref name="training"/>, stopping early on <paramref name="validation"/>.</summary>
    /// <param name="training">Normalised runs <c>[time × channel]</c>, each at least one crop long.</param>
    /// <param name="validation">Normalised runs for early stopping; when empty the training loss is used.</param>
    /// <param name="report">Called after each epoch with (epoch, training loss, validation loss).</param>
    public Result Train(
        IReadOnlyList<float[]> training, IReadOnlyList<float[]> validation, int seed,
        Action<int, double, double> report, CancellationToken cancellationToken)
    {
        var network = new ConvAutoencoder(_architecture, CpuBackend.Shared, seed);
        var adam = new AdamOptimizer(network.Parameters, CpuBackend.Shared, _options.LearningRate);
        var random = new Random(seed);
        int channels = _architecture.ChannelCount;
        long totalSteps = training.Sum(r => (long)r.Length / channels);
        int batches = (int)Math.Max(4, Math.Ceiling(2.0 * totalSteps / (_cropLength * _options.BatchSize)));
        var batch = new float[_options.BatchSize * _cropLength * channels];
        float[][] best = Snapshot(network);
        double bestLoss = double.PositiveInfinity;
        double bestTraining = double.NaN;
        int bestEpoch = 0;
        for (int epoch = 1; epoch <= _options.MaxEpochs && epoch - bestEpoch <= _options.Patience; epoch++)
        {
            double trainingLoss = 0;
            for (int b = 0; b < batches; b++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                FillBatch(batch, training, random, totalSteps);
                trainingLoss += network.TrainStep(batch, _options.BatchSize, _cropLength);
                adam.Step();
            }

            trainingLoss /= batches;
            double validationLoss = validation.Count > 0 ? WholeRunLoss(network, validation) : trainingLoss;
            report(epoch, trainingLoss, validationLoss);
            if (validationLoss < bestLoss * (1 - 1e-4))
            {
                (bestLoss, bestTraining, bestEpoch) = (validationLoss, trainingLoss, epoch);
                best = Snapshot(network);
            }
        }

        Restore(network, best);
        return new Result(network, bestEpoch, bestTraining, bestLoss);
    }

    /// <summary>Mean squared reconstruction error over whole runs.</summary>
    public static double WholeRunLoss(ConvAutoencoder network, IReadOnlyList<float[]> runs)
    {
        double sum = 0;
        long count = 0;
        int channels = network.Architecture.ChannelCount;
        foreach (float[] run in runs)
        {
            var output = new float[run.Length];
            network.Reconstruct(run, run.Length / channels, output);
            for (int i = 0; i < run.Length; i++)
            {
                double d = output[i] - run[i];
                sum += d * d;
            }

            count += run.Length;
        }

        return sum / count;
    }

    // Random crops, each run chosen with probability proportional to its length.
    private void FillBatch(float[] batch, IReadOnlyList<float[]> runs, Random random, long totalSteps)
    {
        int channels = _architecture.ChannelCount;
        int cropValues = _cropLength * channels;
        for (int i = 0; i < _options.BatchSize; i++)
        {
            long pick = random.NextInt64(totalSteps);
            int r = 0;
            while (pick >= runs[r].Length / channels)
            {
                pick -= runs[r].Length / channels;
                r++;
            }

            int steps = runs[r].Length / channels;
            int start = random.Next(steps - _cropLength + 1);
            runs[r].AsSpan(start * channels, cropValues).CopyTo(batch.AsSpan(i * cropValues, cropValues));
        }
    }

    private static float[][] Snapshot(ConvAutoencoder network) =>
        network.Parameters.Select(p => (float[])p.Value.Clone()).ToArray();

    private static void Restore(ConvAutoencoder network, float[][] values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            values[i].CopyTo(network.Parameters[i].Value, 0);
        }
    }
}
