namespace FermentEngine.Engine.Backends.Cpu;

/// <summary>
/// The few vector operations the generic CPU kernels need, as static abstract members so that each kernel is
/// compiled once per vector width with every call inlined.
/// </summary>
/// <typeparam name="TVec">The vector type, e.g. Vector256&lt;float&gt;.</typeparam>
internal interface ISimdOps<TVec>
    where TVec : struct
{
    /// <summary>Floats per vector.</summary>
    static abstract int Count { get; }

    static abstract bool IsSupported { get; }

    static abstract TVec Zero { get; }

    static abstract TVec Load(ref float source, nint offset);

    static abstract void Store(TVec value, ref float destination, nint offset);

    static abstract TVec Broadcast(float value);

    /// <summary>a·b + c, fused where the hardware has FMA.</summary>
    static abstract TVec MultiplyAdd(TVec a, TVec b, TVec c);

    static abstract TVec Add(TVec a, TVec b);

    static abstract TVec Subtract(TVec a, TVec b);

    static abstract TVec Multiply(TVec a, TVec b);

    static abstract TVec Divide(TVec a, TVec b);

    static abstract TVec Sqrt(TVec value);

    static abstract TVec Exp(TVec value);

    /// <summary>
    /// eˣ for x ≤ 0 (x below −87 is treated as −87): 2ⁿ · eʳ with n = round(x / ln 2) and eʳ from a
    /// degree-6
    /// Taylor polynomial, relative error below 2·10⁻⁷. Faster than <see cref="Exp"/>, which works in double.
    /// </summary>
    static abstract TVec ExpNonPositive(TVec value);

    static abstract TVec Min(TVec a, TVec b);

    /// <summary>Per lane: value &gt; 0 ? ifPositive : otherwise.</summary>
    static abstract TVec SelectPositive(TVec value, TVec ifPositive, TVec otherwise);

    /// <summary>Keeps the last <paramref name="keep"/> lanes of value and zeroes the others.</summary>
    static abstract TVec KeepLast(TVec value, int keep);

    /// <summary>Sum of all lanes in a fixed order.</summary>
    static abstract float Sum(TVec value);
}
