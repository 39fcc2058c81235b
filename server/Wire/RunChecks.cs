namespace FermentEngine.Server.Wire;

/// <summary>What a request's runs must satisfy beyond their own shape.</summary>
/// <param name="ModelChannels">The channels of the model they are scored against; null when training.</param>
/// <param name="ModelName">The model as named in messages, e.g. <c>'broth' v3</c>.</param>
/// <param name="AllowMissing">Whether NaN (a missing cell) is accepted in the values.</param>
/// <param name="SameChannels">Whether every run must have the first run's channels in the same order.</param>
internal sealed record RunChecks(
    IReadOnlyList<string>? ModelChannels, string ModelName, bool AllowMissing, bool SameChannels);
