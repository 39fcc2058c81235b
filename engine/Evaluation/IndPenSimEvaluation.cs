using FermentEngine.Engine.Preprocessing;
using FermentEngine.Engine.Runs;
using FermentEngine.Engine.Scoring;
using FermentEngine.Engine.Training;

namespace FermentEngine.Engine.Evaluation;

/// <summary>
/// Trains on the normal recipe-driven batches of an IndPenSim run set and scores every batch on a network that
/// did not see it: training batches get their cross-validated verdict, the others the final model's. Batches are
/// grouped as <see cref="Normal"/>, <see cref="Underperforming"/> (normal recipe batches whose final penicillin is
/// more than 1σ below the normal batches' mean), <see cref="Operator"/> and <see cref="Fault"/>.
/// </summary>
public static class IndPenSimEvaluation
{
    /// <summary>Normal recipe-driven batch of ordinary yield.</summary>
    public const string Normal = "normal";

    /// <summary>Normal recipe-driven batch whose yield is more than 1σ below the normal mean.</summary>
    public const string Underperforming = "underperforming";

    /// <summary>Operator-controlled batch without fault (not trained on).</summary>
    public const string Operator = "operator";

    /// <summary>Batch with a simulated fault.</summary>
    public const string Fault = "fault";

    /// <summary>Normal recipe-driven batch left out of training for its length (outside mean ± 2σ), scored by the
    /// final model.</summary>
    public const string LengthOutlier = "length outlier";

    /// <summary>Simulator states that no plant sensor measures; left out of the model's inputs.</summary>
    public static readonly IReadOnlyList<string> SimulatorStates =
        ["Penicillin concentration(P:g/L)", "Substrate concentration(S:g/L)"];

    /// <summary>Options for IndPenSim runs: every continuous channel but the simulator states, scaled around the
    /// mean trajectory (recipe-driven batches follow elapsed time), errors averaged over 10 h (50 steps).</summary>
    public static TrainingOptions DefaultOptions(RunSet runs) => new()
    {
        Normalization = NormalizationKind.Trajectory,
        SmoothingSteps = 50,
        Channels = runs.Channels
            .Where(c => c.Kind == ChannelKind.Continuous && !SimulatorStates.Contains(c.Name))
            .Select(c => c.Name)
            .ToList(),
    };

    /// <summary>Trains, scores and groups every batch; the result is ranked by score, highest first.</summary>
    public static (FermentModel Model, IReadOnlyList<EvaluatedRun> Runs) Run(
        RunSet runs, IReadOnlyList<BatchInfo> table, TrainingOptions options,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var training = runs.Where(IsNormalRecipe);
        var (model, report) = ModelTrainer.Train(training, options, progress, cancellationToken);
        var heldOut = report.HeldOutVerdicts.ToDictionary(v => v.Run);
        var others = runs.Runs.Where(r => !heldOut.ContainsKey(r.Name)).ToList();
        var scored = model.Score(others, cancellationToken: cancellationToken).ToDictionary(v => v.Run);
        var batches = table.ToDictionary(b => b.Batch);
        double threshold = YieldThreshold(table.Where(b => runs.Find(b.Batch) is { } r && IsNormalRecipe(r)));
        var result = runs.Runs.Select(run =>
        {
            batches.TryGetValue(run.Name, out var batch);
            bool isHeldOut = heldOut.TryGetValue(run.Name, out var verdict);
            string group = report.Excluded.Any(e => e.Run == run.Name) ? LengthOutlier : Group(run, batch, threshold);
            return new EvaluatedRun(run.Name, group, Category(run, batch),
                isHeldOut ? verdict! : scored[run.Name], isHeldOut);
        });
        return (model, result.OrderByDescending(e => double.IsNaN(e.Verdict.Score) ? -1 : e.Verdict.Score).ToList());
    }

    /// <summary>True for a recipe-driven run without fault.</summary>
    public static bool IsNormalRecipe(Run run) =>
        run.Labels.GetValueOrDefault(RunLabels.Control) == "recipe"
        && run.Labels.GetValueOrDefault(RunLabels.FaultFlag) == "0";

    private static double YieldThreshold(IEnumerable<BatchInfo> normal)
    {
        var yields = normal.Select(b => b.FinalPenicillin).ToList();
        if (yields.Count < 2)
        {
            return double.NegativeInfinity;
        }

        var (mean, std) = SampleStatistics.MeanAndStdDev(yields);
        return mean - std;
    }

    private static string Group(Run run, BatchInfo? batch, double threshold)
    {
        if (run.Labels.GetValueOrDefault(RunLabels.FaultFlag) == "1")
        {
            return Fault;
        }

        if (!IsNormalRecipe(run))
        {
            return Operator;
        }

        return batch is not null && batch.FinalPenicillin < threshold ? Underperforming : Normal;
    }

    private static string Category(Run run, BatchInfo? batch)
    {
        string control = run.Labels.GetValueOrDefault(RunLabels.Control) ?? "?";
        return batch is null || batch.FaultCode == 0 ? control : $"{control}, fault: {batch.Fault}";
    }
}
