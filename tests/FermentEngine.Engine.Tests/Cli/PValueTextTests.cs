using FermentEngine.Cli.Output;
using FermentEngine.Engine.Scoring;
using FermentEngine.Engine.Training;

namespace FermentEngine.Engine.Tests.Cli;

/// <summary>p-values in the CLI's text: a positive p never reads as 0.</summary>
public sealed class PValueTextTests
{
    private const string OutlierReason = "held-out score 9.1 (z = 5.00) is an outlier against the other good runs "
        + "(p = 0); kept out of the reference population";

    [TestCase(0.4, "0.4000")]
    [TestCase(0.0032, "0.0032")]
    [TestCase(1e-4, "0.0001")]
    [TestCase(1.8e-5, "1.8e-5")]
    [TestCase(4.2e-12, "4.2e-12")]
    public void Format_PositiveP_NeverZero(double p, string expected) =>
        Assert.That(PValueText.Format(p), Is.EqualTo(expected));

    [TestCase(OutlierReason, "(p < 0.0001); kept out")]
    [TestCase("channel 'pH' holds a held-out offset of +3.10 spreads ... (p = 0.0032); kept out", "(p = 0.0032)")]
    [TestCase("(p = 0.5)", "(p = 0.5)")]
    [TestCase("(p = 0,0032)", "(p = 0,0032)")]
    public void InReason_PRoundedToZero_WrittenAsABound(string reason, string expected) =>
        Assert.That(PValueText.InReason(reason), Does.Contain(expected).And.Not.Contain("p = 0)"));

    [Test]
    public void ReportTextWrite_ReferenceOutlierWithPRoundedToZero_PrintsABound()
    {
        var report = new TrainingReport(["1", "2"], [], [new ExcludedRun("7", OutlierReason)], [], [], 100, 0, 3,
            0.1, 0.2);
        var info = new ModelInfo(1, "test", DateTimeOffset.UnixEpoch, "0123456789abcdef0123", ["a"], ["1", "2"], 8,
            1.0, 0.5, 1.0, 0.01, 0);
        var output = new StringWriter();

        ReportText.Write(output, report, info);

        Assert.That(output.ToString(), Does.Contain("  reference outlier: run 7: held-out score 9.1 (z = 5.00) is an "
            + "outlier against the other good runs (p < 0.0001); kept out of the reference population"));
    }
}
