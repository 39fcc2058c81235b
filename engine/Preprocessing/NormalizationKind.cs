namespace FermentEngine.Engine.Preprocessing;

/// <summary>Per-channel scaling fitted on the training runs.</summary>
public enum NormalizationKind
{
    /// <summary>Subtract the mean, divide by the standard deviation.</summary>
    Standard,

    /// <summary>Subtract the median, divide by the interquartile range / 1.349.</summary>
    Robust,
}
