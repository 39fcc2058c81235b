namespace FermentEngine.Benchmarks;

/// <summary>
/// Work done by one invocation of a benchmark method, computed from the parameters alone (no setup), so that the
/// shared columns can turn the mean time into GFLOP/s and windows/s.
/// </summary>
public interface IWorkCount
{
    /// <summary>Floating-point operations (a multiply-add counts 2); NaN when not meaningful.</summary>
    double Flops(string method);

    /// <summary>Windows (or runs) processed; NaN when not meaningful.</summary>
    double Windows(string method);
}
