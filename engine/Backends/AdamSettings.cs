namespace FermentEngine.Engine.Backends;

/// <summary>Hyperparameters of one Adam update (Kingma and Ba, with bias correction).</summary>
/// <param name="LearningRate">Step size α.</param>
/// <param name="Beta1">Decay of the first-moment estimate, in [0, 1).</param>
/// <param name="Beta2">Decay of the second-moment estimate, in [0, 1).</param>
/// <param name="Epsilon">Added to √v̂ in the denominator (&gt; 0).</param>
/// <param name="Step">1-based update count, used for bias correction.</param>
public readonly record struct AdamSettings(double LearningRate, double Beta1, double Beta2, double Epsilon, int Step)
{
    /// <summary>1 − β1^step.</summary>
    public double FirstCorrection => 1 - Math.Pow(Beta1, Step);

    /// <summary>1 − β2^step.</summary>
    public double SecondCorrection => 1 - Math.Pow(Beta2, Step);
}
