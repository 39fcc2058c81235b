namespace FermentEngine.Engine.Runs;

/// <summary>One measured channel of a run set: its exact source column name, unit and sampling kind.</summary>
/// <param name="Name">The column name exactly as the source wrote it, e.g. <c>Temperature(T:K)</c>.</param>
/// <param name="Unit">The unit parsed from the name where the name carries one, else empty.</param>
/// <param name="Kind">Continuous or sparse (offline) sampling.</param>
public sealed record ChannelInfo(string Name, string Unit = "", ChannelKind Kind = ChannelKind.Continuous);
