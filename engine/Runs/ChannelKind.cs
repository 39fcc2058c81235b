namespace FermentEngine.Engine.Runs;

/// <summary>How a channel is sampled.</summary>
public enum ChannelKind
{
    /// <summary>Measured on (almost) every step; the default input of the model.</summary>
    Continuous,

    /// <summary>Filled on few steps (offline laboratory assays); left out of the model by default.</summary>
    Sparse,
}
