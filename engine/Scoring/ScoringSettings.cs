namespace FermentEngine.Engine.Scoring;

/// <summary>How a model turns reconstruction errors into verdicts; fixed at training, stored in the model.</summary>
/// <param name="MinimumSteps">Shortest scorable run (the training window length), in steps.</param>
/// <param name="SmoothingSteps">Trailing moving-average length whose maximum is the run score, in steps.</param>
/// <param name="AlarmLimit">Step-error limit: a high quantile of the reference runs' step errors.</param>
/// <param name="AlarmPersistence">Consecutive steps over the limit that raise a point alarm.</param>
/// <param name="Significance">A run is flagged when its p-value is below this.</param>
/// <param name="DriftSteps">Trailing window of the per-channel drift test (<see cref="DriftReference"/>), in
/// steps; 0 when the test is off.</param>
/// <param name="OpenAlarmLimit">The step-error limit for runs still going (partial and live): the same quantile
/// of the reference runs' step errors with their last steps normalised as interior steps, as a running batch's
/// are.</param>
public sealed record ScoringSettings(
    int MinimumSteps, int SmoothingSteps, float AlarmLimit, int AlarmPersistence, double Significance,
    int DriftSteps, float OpenAlarmLimit = 0);
