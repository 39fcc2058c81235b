using System.Diagnostics;
using FermentEngine.Engine.Nn;
using FermentEngine.Engine.Preprocessing;
using FermentEngine.Engine.Runs;
using FermentEngine.Engine.Scoring;

namespace FermentEngine.Engine.Training;

/// <summary>The k fold networks (for held-out scores) and the final network, with progress across them all.
/// </summary>
internal sealed class TrainingJob
{
    private readonly TrainingOptions _options;
    private readonly NetworkTrainer _trainer;
    private readonly List<Run> _pool;
    private readonly List<float[]> _inputs;
    private readonly Func<IEnumerable<Run>, Preprocessor> _fit;
    private readonly IProgress<TrainingProgress>? _progress;
    private readonly CancellationToken _cancellationToken;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly int _smoothing;
    private readonly int _driftSteps;

    public TrainingJob(
        TrainingOptions options, AutoencoderArchitecture architecture, int windowLength, int driftSteps,
        List<Run> pool, List<float[]> inputs, Func<IEnumerable<Run>, Preprocessor> fit,
        IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        _fit = fit;
        _options = options;
        _trainer = new NetworkTrainer(options, architecture, windowLength);
        _pool = pool;
        _inputs = inputs;
        _progress = progress;
        _cancellationToken = cancellationToken;
        _smoothing = Math.Max(1, options.SmoothingSteps);
        _driftSteps = driftSteps;
    }

    /// <summary>Trains every stage; returns the final network and each run's held-out error profile and drift curve
    /// (null when the drift test is off).</summary>
    /// <remarks>Each fold fits its own preprocessing on its training runs, so that a held-out run is scaled (and
    /// compared with a mean trajectory) that it took no part in, exactly like a new run.</remarks>
    public (ConvAutoencoder Network, NetworkTrainer.Result Final, ErrorProfile[] HeldOut,
        (float[] Curve, float[] Offsets)[]? HeldOutDrift) Run()
    {
        int n = _pool.Count;
        int folds = Math.Clamp(_options.Folds, 2, n);
        int[] order = Enumerable.Range(0, n).ToArray();
        new Random(_options.Seed).Shuffle(order);
        var foldOf = new int[n];
        for (int position = 0; position < n; position++)
        {
            foldOf[order[position]] = position % folds;
        }

        var heldOut = new ErrorProfile[n];
        var heldOutDrift = _driftSteps > 0 ? new (float[] Curve, float[] Offsets)[n] : null;
        int stages = folds + 1;
        for (int f = 0; f < folds; f++)
        {
            var members = order.Where(i => foldOf[i] != f).ToList();
            var preprocessor = _fit(members.Select(i => _pool[i]));
            var inputs = _pool.Select(run => preprocessor.Prepare(run, out _)).ToList();
            var result = TrainStage(members, inputs, $"fold {f + 1}/{folds}", f, stages);
            foreach (int i in Enumerable.Range(0, n).Where(i => foldOf[i] == f))
            {
                heldOut[i] = Profile(result.Network, preprocessor, inputs[i]);
                if (heldOutDrift is not null)
                {
                    float[] curve = DriftTracker.Curve(inputs[i], preprocessor.Channels.Count, _driftSteps,
                        out float[] offsets);
                    heldOutDrift[i] = (curve, offsets);
                }
            }
        }

        var final = TrainStage(order.ToList(), _inputs, "final", folds, stages);
        return (final.Network, final, heldOut, heldOutDrift);
    }

    private NetworkTrainer.Result TrainStage(
        List<int> members, List<float[]> inputs, string stage, int index, int stages)
    {
        // Early stopping watches whole runs that the stage does not train on.
        int validationCount = members.Count >= 4 ? Math.Max(1, (int)Math.Round(0.15 * members.Count)) : 0;
        var validation = members.TakeLast(validationCount).Select(i => inputs[i]).ToList();
        var training = members.SkipLast(validationCount).Select(i => inputs[i]).ToList();
        return _trainer.Train(training, validation, _options.Seed + 1000 * (index + 1),
            (epoch, trainingLoss, validationLoss) => Report(stage, index, stages, epoch, trainingLoss, validationLoss),
            _cancellationToken);
    }

    private void Report(string stage, int index, int stages, int epoch, double trainingLoss, double validationLoss)
    {
        if (_progress is null)
        {
            return;
        }

        double fraction = Math.Min(1, (index + (double)epoch / _options.MaxEpochs) / stages);
        var elapsed = _clock.Elapsed;
        var remaining = fraction > 0 ? elapsed * ((1 - fraction) / fraction) : TimeSpan.Zero;
        _progress.Report(new TrainingProgress(stage, epoch, _options.MaxEpochs, trainingLoss, validationLoss,
            fraction, elapsed, remaining));
    }

    private ErrorProfile Profile(ConvAutoencoder network, Preprocessor preprocessor, float[] input)
    {
        int channels = network.Architecture.ChannelCount;
        var output = new float[input.Length];
        network.Reconstruct(preprocessor.NetworkInput(input), input.Length / channels, output);
        preprocessor.PinConstantChannels(output);
        return ErrorProfile.Compute(input, output, channels, _smoothing);
    }
}
