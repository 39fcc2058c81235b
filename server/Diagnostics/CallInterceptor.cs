using System.Diagnostics;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FermentEngine.Server.Diagnostics;

/// <summary>
/// Logs and measures every call, and turns stray exceptions into INTERNAL without their detail (detail only
/// in Development).
/// </summary>
internal sealed class CallInterceptor(
    ServerMetrics metrics, ILogger<CallInterceptor> logger, IWebHostEnvironment environment) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        long start = Stopwatch.GetTimestamp();
        try
        {
            var response = await continuation(request, context);
            Succeeded(context, start);
            return response;
        }
        catch (Exception ex)
        {
            throw Failed(context, start, ex);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        long start = Stopwatch.GetTimestamp();
        try
        {
            await continuation(request, responseStream, context);
            Succeeded(context, start);
        }
        catch (Exception ex)
        {
            throw Failed(context, start, ex);
        }
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        long start = Stopwatch.GetTimestamp();
        try
        {
            await continuation(requestStream, responseStream, context);
            Succeeded(context, start);
        }
        catch (Exception ex)
        {
            throw Failed(context, start, ex);
        }
    }

    private void Succeeded(ServerCallContext context, long start)
    {
        TimeSpan elapsed = Stopwatch.GetElapsedTime(start);
        string method = MethodName(context);
        RequestLog.Finished(logger, method, CallFacts.Model(context), CallFacts.Runs(context), StatusCode.OK,
            elapsed.TotalMilliseconds);
        metrics.RequestFinished(method, nameof(StatusCode.OK), elapsed);
    }

    /// <summary>Logs and counts a failed call; returns the exception the caller should see.</summary>
    private Exception Failed(ServerCallContext context, long start, Exception exception)
    {
        TimeSpan elapsed = Stopwatch.GetElapsedTime(start);
        string method = MethodName(context);
        string model = CallFacts.Model(context);
        double ms = elapsed.TotalMilliseconds;
        // A client that cancels, runs out of deadline or resets its stream ends the call; that is no server error.
        if (context.CancellationToken.IsCancellationRequested
            && exception is OperationCanceledException or IOException
                or RpcException { StatusCode: StatusCode.Cancelled })
        {
            StatusCode ended = DateTime.UtcNow >= context.Deadline ? StatusCode.DeadlineExceeded : StatusCode.Cancelled;
            RequestLog.Abandoned(logger, method, model, ended, ms);
            metrics.RequestFinished(method, ended.ToString(), elapsed);
            return exception;
        }

        if (exception is RpcException rpc)
        {
            RequestLog.Refused(logger, method, model, CallFacts.Runs(context), rpc.StatusCode, ms, rpc.Status.Detail);
            metrics.RequestFinished(method, rpc.StatusCode.ToString(), elapsed);
            return rpc;
        }

        RequestLog.Failed(logger, exception, method, model, ms);
        metrics.RequestFinished(method, nameof(StatusCode.Internal), elapsed);
        string detail = environment.IsDevelopment()
            ? $"Internal error: {exception.GetType().Name}: {exception.Message}"
            : "Internal error; the server log has the details.";
        return new RpcException(new Status(StatusCode.Internal, detail));
    }

    private static string MethodName(ServerCallContext context) =>
        context.Method[(context.Method.LastIndexOf('/') + 1)..];
}
