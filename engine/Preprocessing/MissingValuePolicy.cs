namespace FermentEngine.Engine.Preprocessing;

/// <summary>How missing or non-finite cells in a selected channel are treated, at training and scoring alike.</summary>
public enum MissingValuePolicy
{
    /// <summary>Refuse the input and list the bad cells.</summary>
    Error,

    /// <summary>Carry the last finite value of the run forward (the first finite value backward at the start).
    /// </summary>
    HoldLast,

    /// <summary>Interpolate linearly in time between the neighbouring finite values of the run.</summary>
    Interpolate,
}
