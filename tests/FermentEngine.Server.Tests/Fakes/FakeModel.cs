using FermentEngine.Engine.Runs;
using FermentEngine.Engine.Scoring;
using FermentEngine.Server.EngineAccess;

namespace FermentEngine.Server.Tests.Fakes;

/// <summary>Scores a run as the mean of its values; flags it when the mean exceeds 10. A run of at least
/// <see cref="DriftSteps"/> steps has a drift test on its last channel, significant (with its onset at the end of the
/// first window, which is then the first alarm) when the mean exceeds 10.</summary>
internal sealed class FakeModel(FakeEngine engine, IReadOnlyList<string> channels) : IScoringModel
{
    public const string Header = "fake-model";

    /// <summary>The drift window the fake describes itself with.</summary>
    public const int DriftSteps = 2;

    public IReadOnlyList<string> Channels { get; } = channels;

    public ModelInfo Info => new(1, "fake", DateTimeOffset.UnixEpoch, "f1n6e7", Channels, ["good-1", "good-2"], 8,
        1.0, 0.5, 1.0, 0.01, DriftSteps);

    /// <summary>The runs of every Score call, for tests that look at what reached the engine.</summary>
    public List<Run> Seen { get; } = [];

    /// <summary>Whether each Score call judged its runs as still running, in call order.</summary>
    public List<bool> PartialCalls { get; } = [];

    public IReadOnlyList<RunVerdict> Score(
        IReadOnlyList<Run> runs, bool includeStepErrors, bool asPartial, CancellationToken cancellationToken)
    {
        engine.OnScore(runs.Count, cancellationToken, runs.Sum(r => (long)r.StepCount));
        lock (Seen)
        {
            Seen.AddRange(runs);
            PartialCalls.Add(asPartial);
        }

        return runs.Select(run => Verdict(run, includeStepErrors)).ToList();
    }

    public ILiveSession StartLive(string runName) => new FakeLiveSession(Channels);

    public void Save(string path)
    {
        string text = $"{Header}\n{string.Join(',', Channels)}\n";
        if (engine.FailSave)
        {
            File.WriteAllText(path, text[..(text.Length / 2)]);
            throw new IOException("The disk is full.");
        }

        File.WriteAllText(path, text);
    }

    private static RunVerdict Verdict(Run run, bool includeStepErrors)
    {
        double mean = 0;
        foreach (float v in run.Values.Span)
        {
            mean += v;
        }

        mean /= run.Values.Length;
        float[]? steps = includeStepErrors ? Enumerable.Range(0, run.StepCount).Select(s => (float)s).ToArray() : null;
        bool high = mean > 10;
        var drift = run.StepCount < DriftSteps
            ? null
            : new ChannelDrift(run.Channels[^1].Name, mean / 4, mean - 2, high ? 0.001 : 0.75,
                high ? run.TimeHours.Span[DriftSteps - 1] : null);
        return new RunVerdict(run.Name, RunStatus.Scored, null, mean, mean - 1, 0.5, high, drift?.OnsetHours,
            [new ChannelContribution(run.Channels[0].Name, 1.0)], 8, steps, [])
        {
            Drift = drift,
        };
    }
}
