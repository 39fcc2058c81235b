using FermentEngine.Engine.Scoring;

namespace FermentEngine.Engine.Evaluation;

/// <summary>One run's verdict in an evaluation, with the group it belongs to.</summary>
/// <param name="Run">The run's name.</param>
/// <param name="Group">normal, underperforming, operator or fault (see <see cref="IndPenSimEvaluation"/>).</param>
/// <param name="Category">A readable category, e.g. <c>recipe, fault: aeration rate</c>.</param>
/// <param name="Verdict">The verdict; for training runs the held-out (cross-validated) one.</param>
/// <param name="HeldOut">True when the verdict comes from a fold network that did not see the run.</param>
public sealed record EvaluatedRun(string Run, string Group, string Category, RunVerdict Verdict, bool HeldOut);
