using FermentEngine.Engine.Runs;

namespace FermentEngine.Engine.Exploration;

/// <summary>
/// One channel over every step of a run set. Statistics cover the finite values only (NaN cells are counted as
/// missing); with no finite value, <see cref="Min"/>, <see cref="Max"/>, <see cref="Mean"/> and
/// <see cref="StdDev"/> are NaN.
/// </summary>
/// <param name="Name">The exact column name.</param>
/// <param name="Unit">The unit from the name, or empty.</param>
/// <param name="Kind">Continuous or sparse, as the reader classified it.</param>
/// <param name="Rows">Steps in the set.</param>
/// <param name="MissingCount">Steps whose value is NaN (empty or bad cells).</param>
/// <param name="Min">The smallest finite value.</param>
/// <param name="Max">The largest finite value.</param>
/// <param name="Mean">The mean of the finite values.</param>
/// <param name="StdDev">The population standard deviation of the finite values (two-pass, in double).</param>
/// <param name="IsConstant">True when every finite value is the same: <c>Max == Min</c>, compared exactly.</param>
public sealed record ChannelSummary(
    string Name, string Unit, ChannelKind Kind, int Rows, int MissingCount, double Min, double Max, double Mean,
    double StdDev, bool IsConstant)
{
    /// <summary>The share of steps without a finite value, in percent (0–100).</summary>
    public double MissingPercent => Rows == 0 ? 0 : 100.0 * MissingCount / Rows;
}
