using FermentEngine.Engine.Preprocessing;
using FermentEngine.Engine.Runs;

namespace FermentEngine.Engine.Tests.Preprocessing;

public sealed class PreprocessorTests
{
    private static readonly ChannelInfo[] s_channels = [new("oil"), new("temp")];

    private static Run MakeRun(string name, params float[] values) =>
        new(name, s_channels, Enumerable.Range(1, values.Length / 2).Select(i => i * 0.2).ToArray(), values);

    [Test]
    public void Fit_ConstantWithoutExactBinaryForm_StandardisesToExactlyZero()
    {
        var runs = new[]
        {
            MakeRun("1", 22.62f, 300f, 22.62f, 301f, 22.62f, 302f),
            MakeRun("2", 22.62f, 303f, 22.62f, 299f),
        };

        var pre = Preprocessor.Fit(runs, ["oil", "temp"], NormalizationKind.Standard, MissingValuePolicy.Error);
        float[] prepared = pre.Prepare(runs[0], out _);

        Assert.That(pre.IsConstant, Is.EqualTo(new[] { true, false }));
        Assert.That(prepared.Where((_, i) => i % 2 == 0), Is.All.EqualTo(0f));
        Assert.That(prepared.All(float.IsFinite), Is.True);
    }

    [TestCase(NormalizationKind.Standard)]
    [TestCase(NormalizationKind.Robust)]
    public void Fit_VaryingChannel_CentersAndScales(NormalizationKind kind)
    {
        var runs = new[] { MakeRun("1", 1, 10, 1, 20, 1, 30, 1, 40, 1, 50) };

        var pre = Preprocessor.Fit(runs, ["temp"], kind, MissingValuePolicy.Error);

        Assert.That(pre.Center[0], Is.EqualTo(30f).Within(1e-5));
        Assert.That(pre.Scale[0], Is.GreaterThan(10f).And.LessThan(20f));
    }

    [Test]
    public void Prepare_NaNUnderErrorPolicy_ListsRunTimeAndColumn()
    {
        var run = MakeRun("7", 1, 300, float.NaN, 301, 1, float.PositiveInfinity);
        var pre = Preprocessor.Fit([MakeRun("1", 1, 300, 2, 301)], ["oil", "temp"], NormalizationKind.Standard,
            MissingValuePolicy.Error);

        var ex = Assert.Throws<FermentDataException>(() => pre.Prepare(run, out _));

        Assert.That(ex!.Message, Does.Contain("2 missing or non-finite"));
        Assert.That(ex.Message, Does.Contain("column 'oil'").And.Contain("Time 0.4 h"));
        Assert.That(ex.Message, Does.Contain("column 'temp'").And.Contain("'inf'"));
    }

    [TestCase(MissingValuePolicy.HoldLast, 300f)]
    [TestCase(MissingValuePolicy.Interpolate, 301f)]
    public void Prepare_RepairPolicy_FillsAndCounts(MissingValuePolicy policy, float expected)
    {
        var run = MakeRun("7", 1, 300, 1, float.NaN, 1, 302);
        var pre = new Preprocessor(["oil", "temp"], NormalizationKind.Standard, policy, [0, 0], [1, 1],
            [false, false]);

        float[] prepared = pre.Prepare(run, out int repairs);

        Assert.That(repairs, Is.EqualTo(1));
        Assert.That(prepared[3], Is.EqualTo(expected).Within(1e-4));
    }

    [Test]
    public void MapChannels_MissingChannel_NamesMissingAndExtra()
    {
        var pre = new Preprocessor(["oil", "pressure"], NormalizationKind.Standard, MissingValuePolicy.Error,
            [0, 0], [1, 1], [false, false]);

        var ex = Assert.Throws<FermentEngine.Engine.Scoring.ChannelMismatchException>(
            () => pre.Prepare(MakeRun("3", 1, 2), out _));

        Assert.That(ex!.Missing, Is.EqualTo(new[] { "pressure" }));
        Assert.That(ex.Extra, Is.EqualTo(new[] { "temp" }));
        Assert.That(ex.Message, Does.Contain("'pressure'"));
    }

    [Test]
    public void ConstantDepartures_ValueLeavesTrainingConstant_NamesChannelValuesAndTime()
    {
        var pre = Preprocessor.Fit([MakeRun("1", 100, 1, 100, 2)], ["oil", "temp"], NormalizationKind.Standard,
            MissingValuePolicy.Error);

        var notes = pre.ConstantDepartures(MakeRun("2", 100, 1, 115, 2));

        Assert.That(notes, Has.Count.EqualTo(1));
        Assert.That(notes[0], Does.Contain("'oil'").And.Contain("100 → 115").And.Contain("0.4 h"));
    }

    [Test]
    public void FitTrajectory_LaterStepsUseTheMeanOfTheFinalFivePercent()
    {
        // 40 steps in every run: temp rises by 1 per step, oil alternates 0, 2; the final 5 % is 2 steps.
        var runs = Enumerable.Range(0, 3).Select(r => MakeRun($"{r}", Enumerable.Range(0, 40)
            .SelectMany(t => new[] { t % 2 == 0 ? 0f : 2f, 300f + t }).ToArray())).ToArray();

        var pre = Preprocessor.Fit(runs, ["oil", "temp"], NormalizationKind.Trajectory, MissingValuePolicy.Error);

        Assert.That(pre.TrajectorySteps, Is.EqualTo(40));
        Assert.That(pre.CenterAt(39, 1), Is.EqualTo(339f));
        Assert.That(pre.CenterAt(40, 1), Is.EqualTo(338.5f));
        Assert.That(pre.CenterAt(500, 0), Is.EqualTo(1f));
        Assert.That(pre.BeyondTrajectory("x", 40, longestReference: 40), Is.Null);
        Assert.That(pre.BeyondTrajectory("x", 44, longestReference: 45), Is.Null);
        Assert.That(pre.BeyondTrajectory("x", 46, longestReference: 45), Does.Contain("covers 40"));
    }

    [Test]
    public void PinConstantChannels_SetsOnlyTheConstantChannelsToTheirScaledValue()
    {
        var pre = Preprocessor.Fit([MakeRun("1", 7, 300, 7, 301), MakeRun("2", 7, 302, 7, 299)], ["oil", "temp"],
            NormalizationKind.Standard, MissingValuePolicy.Error);
        float[] reconstruction = [0.3f, -1.5f, -0.2f, 0.8f];

        pre.PinConstantChannels(reconstruction);

        Assert.That(reconstruction, Is.EqualTo(new[] { 0f, -1.5f, 0f, 0.8f }));
    }
}
