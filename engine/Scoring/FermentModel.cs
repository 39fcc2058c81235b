using FermentEngine.Engine.Runs;

namespace FermentEngine.Engine.Scoring;

/// <summary>
/// A trained detector: preprocessing, autoencoder weights and the reference population of held-out good-run
/// scores. Scoring is thread-safe; a model is immutable once trained or loaded.
/// </summary>
public sealed partial class FermentModel
{
    /// <summary>The channels the model reads, in its input order.</summary>
    public IReadOnlyList<string> Channels => throw new NotImplementedException();

    /// <summary>Self-description: architecture, fingerprint, population statistics, training report.</summary>
    public ModelInfo Info => throw new NotImplementedException();

    /// <summary>Scores runs; each run is reconstructed alone over its whole length, so results never depend
    /// on the other runs in the call. A run that cannot be scored comes back with <see cref="RunStatus.Error"/>.
    /// </summary>
    public IReadOnlyList<RunVerdict> Score(
        IReadOnlyList<Run> runs, bool includeStepErrors = false, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <summary>Starts scoring a batch that is still running; samples are pushed one at a time.</summary>
    public LiveScorer StartLive(string runName) => throw new NotImplementedException();

    /// <summary>Writes the model file atomically (temporary file, flush, rename).</summary>
    public void Save(string path) => throw new NotImplementedException();

    /// <summary>Reads a model file, verifying format version and checksum.</summary>
    public static FermentModel Load(string path) => throw new NotImplementedException();
}
