namespace FermentEngine.Engine.Preprocessing;

/// <summary>Per-channel scaling fitted on the training runs.</summary>
public enum NormalizationKind
{
    /// <summary>Subtract the mean, divide by the standard deviation.</summary>
    Standard,

    /// <summary>Subtract the median, divide by the interquartile range / 1.349.</summary>
    Robust,

    /// <summary>
    /// Subtract the training runs' mean trajectory at the same step (runs aligned at their start), divide by the
    /// standard deviation around it. Suits recipe-driven batches, whose feeds and set points follow elapsed time:
    /// a feed that is normal at one hour but not at another then stands out.
    /// </summary>
    Trajectory,
}
