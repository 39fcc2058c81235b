using System.Net.Http;
using System.Net.Sockets;
using Grpc.Core;

namespace FermentEngine.Cli.Remote;

/// <summary>Turns a failed server call into one line for the user and an exit code.</summary>
internal static class RemoteErrors
{
    /// <summary>Bad address, or no server answering there.</summary>
    public const int Unreachable = 3;

    /// <summary>The server refused the input (bad run, unknown model).</summary>
    public const int Refused = 2;

    /// <summary>Any other failure.</summary>
    public const int Failed = 1;

    /// <summary>The user interrupted the command.</summary>
    public const int Cancelled = 130;

    public static (string Line, int ExitCode) Describe(Exception exception, Uri server) => exception switch
    {
        RpcException { StatusCode: StatusCode.Unavailable } rpc =>
            ($"error: cannot reach a FermentEngine server at {server} ({Reason(rpc)})", Unreachable),
        RpcException { StatusCode: StatusCode.Internal } rpc when rpc.InnerException is HttpRequestException =>
            ($"error: cannot reach a FermentEngine server at {server} ({Reason(rpc)})", Unreachable),
        RpcException { StatusCode: StatusCode.InvalidArgument or StatusCode.NotFound or StatusCode.FailedPrecondition
            or StatusCode.ResourceExhausted } rpc => ($"error: {rpc.Status.Detail}", Refused),
        RpcException { StatusCode: StatusCode.Cancelled } => ("cancelled", Cancelled),
        RpcException rpc => ($"error: the server answered {rpc.StatusCode}: {rpc.Status.Detail}", Failed),
        HttpRequestException or SocketException =>
            ($"error: cannot reach a FermentEngine server at {server} ({exception.Message})", Unreachable),
        OperationCanceledException => ("cancelled", Cancelled),
        _ => ($"error: {exception.Message}", Failed),
    };

    private static string Reason(RpcException rpc)
    {
        Exception? inner = rpc.Status.DebugException ?? rpc.InnerException;
        while (inner?.InnerException is { } deeper)
        {
            inner = deeper;
        }

        return inner?.Message ?? rpc.Status.Detail;
    }
}
