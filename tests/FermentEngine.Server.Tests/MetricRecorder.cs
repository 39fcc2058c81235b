using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace FermentEngine.Server.Tests;

/// <summary>Collects the measurements of one instrument of one meter.</summary>
internal sealed class MetricRecorder : IDisposable
{
    private readonly MeterListener _listener = new();

    public MetricRecorder(Meter meter, string instrument)
    {
        _listener.InstrumentPublished = (published, listener) =>
        {
            if (ReferenceEquals(published.Meter, meter) && published.Name == instrument)
            {
                listener.EnableMeasurementEvents(published);
            }
        };
        _listener.SetMeasurementEventCallback<int>((_, value, _, _) => Values.Enqueue(value));
        _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Values.Enqueue(value));
        _listener.SetMeasurementEventCallback<double>((_, value, _, _) => Values.Enqueue(value));
        _listener.Start();
    }

    public ConcurrentQueue<double> Values { get; } = new();

    public void Dispose() => _listener.Dispose();
}
