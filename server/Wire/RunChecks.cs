namespace FermentEngine.Server.Wire;

/// <summary>What a request's runs must satisfy beyond their own shape.</summary>
/// <param name="ModelChannels">The channels of the model they are scored against; null when training.</param>
/// <param name="ModelName">The model as named in messages, e.g. <c>'broth' v3</c>.</param>
/// <param name="CompleteChannels">Channels that may hold no NaN (missing cell), else null: the modelled channels
/// of a training job that refuses missing values. Other channels may miss cells; infinity is never accepted.</param>
/// <param name="SameChannels">Whether every run must have the first run's channels in the same order.</param>
internal sealed record RunChecks(
    IReadOnlyList<string>? ModelChannels,
    string ModelName,
    IReadOnlyList<string>? CompleteChannels,
    bool SameChannels);
