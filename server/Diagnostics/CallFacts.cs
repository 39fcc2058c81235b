using Grpc.Core;

namespace FermentEngine.Server.Diagnostics;

/// <summary>What a handler tells the call log about its call: the model and the number of runs.</summary>
internal static class CallFacts
{
    private const string ModelKey = "fermentengine.model";
    private const string RunsKey = "fermentengine.runs";

    public static void SetModel(ServerCallContext context, string model) => context.UserState[ModelKey] = model;

    public static void SetRuns(ServerCallContext context, int runs) => context.UserState[RunsKey] = runs;

    public static string Model(ServerCallContext context) =>
        context.UserState.TryGetValue(ModelKey, out var model) && model is string name ? name : "-";

    public static int Runs(ServerCallContext context) =>
        context.UserState.TryGetValue(RunsKey, out var runs) && runs is int count ? count : 0;
}
