using FermentEngine.Engine.Scoring;
using FermentEngine.Engine.Training;

namespace FermentEngine.Cli.Output;

/// <summary>Prints a training report for people.</summary>
internal static class ReportText
{
    public static void Write(TextWriter output, TrainingReport report, ModelInfo info)
    {
        output.WriteLine($"Trained on {report.TrainingRuns.Count} runs ({report.RowsUsed} rows), "
            + $"{info.Channels.Count} channels, window {report.WindowLength} steps, {report.Epochs} epochs "
            + $"(final network: training MSE {report.FinalTrainingLoss:0.0000}, "
            + $"validation {report.FinalValidationLoss:0.0000}).");
        output.WriteLine($"Reference population: {info.PopulationSize} held-out good runs; flag below p = "
            + $"{info.Significance}. Fingerprint {info.Fingerprint[..16]}.");
        foreach (var run in report.Excluded)
        {
            output.WriteLine($"  left out of training: run {run.Run}: {PValueText.InReason(run.Reason)}");
        }

        foreach (var run in report.ReferenceOutliers)
        {
            output.WriteLine($"  reference outlier: run {run.Run}: {PValueText.InReason(run.Reason)}");
        }

        foreach (var channel in report.ConstantChannels)
        {
            output.WriteLine($"  constant channel: '{channel.Channel}' = {channel.Value:G7} in every training run");
        }

        foreach (var channel in report.SparseChannels)
        {
            output.WriteLine($"  sparse channel left out: '{channel.Channel}' ({channel.FillRate:P1} of rows filled)");
        }

        if (report.Repairs > 0)
        {
            output.WriteLine($"  {report.Repairs} missing or non-finite cells repaired:");
            foreach (string cell in report.RepairedCells)
            {
                output.WriteLine($"    {cell}");
            }
        }
    }
}
