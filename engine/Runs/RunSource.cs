namespace FermentEngine.Engine.Runs;

/// <summary>Where a run's rows were read from, so that messages can name file and line.</summary>
/// <param name="Path">The file the rows came from.</param>
/// <param name="FirstLine">The 1-based file line of the run's first step (the header is line 1).</param>
/// <param name="Lines">The file line of each step where rows are not consecutive; null when they are.</param>
public sealed record RunSource(string Path, int FirstLine, int[]? Lines = null)
{
    /// <summary>The 1-based file line of a step.</summary>
    public int? LineOfStep(int step) => Lines is { } lines ? lines[step] : FirstLine + step;
}
