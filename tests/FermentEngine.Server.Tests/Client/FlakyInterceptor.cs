using Grpc.Core;
using Grpc.Core.Interceptors;

namespace FermentEngine.Server.Tests.Client;

/// <summary>Answers UNAVAILABLE to the first <see cref="Failures"/> calls of each method, then lets calls
/// through; counts every attempt.</summary>
internal sealed class FlakyInterceptor : Interceptor
{
    private readonly Dictionary<string, int> _attempts = [];

    public int Failures { get; set; } = 2;

    public int Attempts(string method)
    {
        lock (_attempts)
        {
            return _attempts.GetValueOrDefault(method);
        }
    }

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        string method = context.Method[(context.Method.LastIndexOf('/') + 1)..];
        int attempt;
        lock (_attempts)
        {
            attempt = _attempts[method] = _attempts.GetValueOrDefault(method) + 1;
        }

        return attempt <= Failures
            ? throw new RpcException(new Status(StatusCode.Unavailable, "Warming up."))
            : continuation(request, context);
    }
}
