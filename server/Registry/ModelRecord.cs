using FermentEngine.Engine.Scoring;

namespace FermentEngine.Server.Registry;

/// <summary>One stored model version as the registry knows it.</summary>
/// <param name="Id">The model id.</param>
/// <param name="Version">1-based version within the id; never reused, even after a delete.</param>
/// <param name="CreatedUtc">When the version was registered.</param>
/// <param name="Path">The model file, absolute (stored relative to the data folder).</param>
/// <param name="FileBytes">The file's size.</param>
/// <param name="Metadata">What the caller stored beside the model.</param>
/// <param name="Info">What the model says about itself (channels, fingerprint, population).</param>
internal sealed record ModelRecord(
    string Id,
    int Version,
    DateTimeOffset CreatedUtc,
    string Path,
    long FileBytes,
    IReadOnlyDictionary<string, string> Metadata,
    ModelInfo Info)
{
    /// <summary>The model as named in messages: <c>'broth' v3</c>.</summary>
    public string DisplayName => $"'{Id}' v{Version}";
}
