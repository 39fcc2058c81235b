namespace FermentEngine.Engine.Io;

/// <summary>A text column read as keys: a run-id or label column.</summary>
/// <param name="SourceIndex">The column's data index.</param>
/// <param name="Column">The column's exact name.</param>
/// <param name="StepLabel">The per-step label it fills, or null.</param>
/// <param name="RunLabel">The run label it sets where constant over a run, or null.</param>
/// <param name="MapRunValue">Turns the token into the run label's value; null keeps the token.</param>
internal sealed record LabelSpec(
    int SourceIndex, string Column, string? StepLabel, string? RunLabel, Func<string, string>? MapRunValue = null);
