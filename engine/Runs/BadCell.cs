namespace FermentEngine.Engine.Runs;

/// <summary>
/// A channel cell that a reader kept as <see cref="float.NaN"/> because its token was not a finite number: an
/// empty cell of a continuous channel, <c>NaN</c>, <c>inf</c>, <c>-inf</c>, a value beyond float32 range, or
/// status text such as <c>Bad Input</c>. Reading does not fail on these; training and scoring decide.
/// </summary>
/// <param name="Line">The 1-based file line (the header is line 1).</param>
/// <param name="Column">The channel's exact column name.</param>
/// <param name="Token">The cell as written, without quotes; empty for an empty cell.</param>
/// <param name="Run">The name of the run the row belongs to.</param>
/// <param name="TimeHours">The row's time in the run's time axis, in hours.</param>
public sealed record BadCell(int Line, string Column, string Token, string Run, double TimeHours)
{
    /// <summary>
    /// Describes the cell for messages, e.g. <c>line 127, Temperature(T:K): 'NaN' (run 3, 5.2 h)</c>.
    /// </summary>
    public override string ToString() =>
        $"line {Line}, {Column}: '{Token}' (run {Run}, {TimeHours:0.###} h)";
}
