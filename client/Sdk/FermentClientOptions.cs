namespace FermentEngine.Client;

/// <summary>Deadlines, retries and transport settings of a <see cref="FermentClient"/>.</summary>
public sealed class FermentClientOptions
{
    /// <summary>Deadline of a Score call; default 30 s; null for none.</summary>
    public TimeSpan? ScoreTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Deadline of ListModels, GetModel and DeleteModel; default 10 s; null for none.</summary>
    public TimeSpan? CallTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Deadline of a Train call; default none (training may take hours).</summary>
    public TimeSpan? TrainTimeout { get; set; }

    /// <summary>Deadline of a StreamScore call; default none (a batch may run for days).</summary>
    public TimeSpan? StreamTimeout { get; set; }

    /// <summary>Attempts of an idempotent call (Score, ListModels, GetModel) when the server is UNAVAILABLE,
    /// first included; default 4; 1 turns retries off. Applies to channels the client creates.</summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>Largest message the client sends or receives, in bytes; default 64 MiB.</summary>
    public int MaxMessageBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>The HTTP handler of a channel the client creates; null for the default (sockets). Tests pass
    /// an in-memory server's handler.</summary>
    public HttpMessageHandler? HttpHandler { get; set; }
}
