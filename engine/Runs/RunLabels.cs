namespace FermentEngine.Engine.Runs;

/// <summary>Label names that readers set and the rest of the engine understands.</summary>
public static class RunLabels
{
    /// <summary>Control strategy: <c>recipe</c> (sequential batch control) or <c>operator</c>.</summary>
    public const string Control = "control";

    /// <summary><c>1</c> when the whole run is known to be faulty, <c>0</c> when known good.</summary>
    public const string FaultFlag = "fault";

    /// <summary>Per-step label: 1 on steps where a fault is active.</summary>
    public const string FaultReference = "faultReference";

    /// <summary>Raman/PAT reference of IndPenSim batches.</summary>
    public const string PatReference = "pat";
}
