namespace FermentEngine.Engine.Evaluation;

/// <summary>One line of an IndPenSim batch table: what is known about a batch beyond its samples.</summary>
/// <param name="Batch">Batch number, as the run name.</param>
/// <param name="Control"><c>recipe</c> or <c>operator</c>.</param>
/// <param name="FaultCode">0 for none, 1–8 for the simulated faults.</param>
/// <param name="Fault">The fault's name, <c>none</c> for good batches.</param>
/// <param name="Rows">Samples in the batch.</param>
/// <param name="LengthHours">Batch length in hours.</param>
/// <param name="FirstFaultHours">Time of the first faulty step, null for good batches.</param>
/// <param name="FinalPenicillin">Final penicillin concentration in g/L.</param>
public sealed record BatchInfo(
    string Batch,
    string Control,
    int FaultCode,
    string Fault,
    int Rows,
    double LengthHours,
    double? FirstFaultHours,
    double FinalPenicillin);
