using FermentEngine.Engine.Runs;

namespace FermentEngine.Engine.Exploration;

/// <summary>One run of a summarised set.</summary>
/// <param name="Name">The run's name.</param>
/// <param name="Rows">Its number of steps.</param>
/// <param name="LengthHours">The span its samples cover, in hours (<see cref="Run.LengthHours"/>).</param>
/// <param name="Labels">Its run labels.</param>
/// <param name="Sampling">Its sampling regularity.</param>
/// <param name="BadCellCount">Cells the reader kept as NaN for a bad token.</param>
/// <param name="IsLengthOutlier">True when <paramref name="Rows"/> lies outside the mean ± 2σ of the set.</param>
public sealed record RunSummary(
    string Name, int Rows, double LengthHours, IReadOnlyDictionary<string, string> Labels, RunSampling Sampling,
    int BadCellCount, bool IsLengthOutlier);
