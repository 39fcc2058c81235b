namespace FermentEngine.Engine.Io;

/// <summary>The form of a time column.</summary>
internal enum TimeKind
{
    /// <summary>Numbers in a unit.</summary>
    Numeric,

    /// <summary>Instants with a written UTC offset.</summary>
    Offset,

    /// <summary>Wall-clock date-times without offset.</summary>
    Naive,
}
