namespace FermentEngine.Engine.Io;

/// <summary>A row whose time is earlier than the previous row's.</summary>
/// <param name="Line">The later row's file line.</param>
/// <param name="PreviousLine">The previous row's file line.</param>
/// <param name="Previous">The previous row's time token as written.</param>
/// <param name="Value">This row's time token as written.</param>
internal sealed record TimeStepBack(int Line, int PreviousLine, string Previous, string Value);
