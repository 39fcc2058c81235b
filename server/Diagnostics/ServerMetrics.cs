using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace FermentEngine.Server.Diagnostics;

/// <summary>
/// The server's instruments, on the meter <see cref="MeterName"/>: request counts and latency by method and
/// outcome, batch sizes, queue depth, refusals by reason and runs scored.
/// </summary>
internal sealed class ServerMetrics
{
    public const string MeterName = "FermentEngine.Server";

    private readonly Counter<long> _requests;
    private readonly Histogram<double> _duration;
    private readonly Histogram<int> _batchSize;
    private readonly UpDownCounter<int> _queueDepth;
    private readonly Counter<long> _rejections;
    private readonly Counter<long> _runsScored;

    public ServerMetrics(IMeterFactory meterFactory)
    {
        Meter = meterFactory.Create(MeterName);
        _requests = Meter.CreateCounter<long>("fermentengine.server.requests", "{request}",
            "Calls finished, by method and status code.");
        _duration = Meter.CreateHistogram<double>("fermentengine.server.request.duration", "s",
            "Time from a call's start to its end, by method and status code.",
            advice: new InstrumentAdvice<double>
            {
                // Seconds: the defaults are meant for milliseconds and put every call in the first bucket.
                HistogramBucketBoundaries =
                    [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
            });
        _batchSize = Meter.CreateHistogram<int>("fermentengine.server.batch.size", "{run}",
            "Runs per engine Score call after coalescing.");
        _queueDepth = Meter.CreateUpDownCounter<int>("fermentengine.server.queue.depth", "{run}",
            "Runs waiting for their batch.");
        _rejections = Meter.CreateCounter<long>("fermentengine.server.rejections", "{request}",
            "Score calls refused before queueing, by reason.");
        _runsScored = Meter.CreateCounter<long>("fermentengine.server.runs.scored", "{run}", "Runs scored.");
    }

    /// <summary>The meter behind the instruments (one per host, from the host's meter factory).</summary>
    public Meter Meter { get; }

    public void RequestFinished(string method, string outcome, TimeSpan duration)
    {
        var tags = new TagList { { "method", method }, { "outcome", outcome } };
        _requests.Add(1, tags);
        _duration.Record(duration.TotalSeconds, tags);
    }

    public void BatchScored(int runs)
    {
        _batchSize.Record(runs);
        _runsScored.Add(runs);
    }

    public void QueueChanged(int deltaRuns) => _queueDepth.Add(deltaRuns);

    public void Rejected(string reason) => _rejections.Add(1, new KeyValuePair<string, object?>("reason", reason));
}
