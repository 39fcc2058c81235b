using Grpc.Core;

namespace FermentEngine.Server.Wire;

/// <summary>Builds the <see cref="RpcException"/>s of the service; every message starts with the field path.</summary>
internal static class WireErrors
{
    public static RpcException Invalid(string field, string problem) =>
        Create(StatusCode.InvalidArgument, field, problem);

    public static RpcException Exhausted(string field, string problem) =>
        Create(StatusCode.ResourceExhausted, field, problem);

    public static RpcException NotFound(string field, string problem) => Create(StatusCode.NotFound, field, problem);

    public static RpcException Precondition(string field, string problem) =>
        Create(StatusCode.FailedPrecondition, field, problem);

    public static RpcException Deadline(string field, string problem) =>
        Create(StatusCode.DeadlineExceeded, field, problem);

    private static RpcException Create(StatusCode code, string field, string problem) =>
        new(new Status(code, $"{field}: {problem}"));
}
