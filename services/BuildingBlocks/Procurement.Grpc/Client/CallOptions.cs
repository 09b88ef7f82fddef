namespace Procurement.Grpc;

/// <summary>Options of one client call.</summary>
public readonly record struct CallOptions
{
    public CallOptions(Metadata? headers = null, DateTime? deadline = null, CancellationToken cancellationToken = default)
    {
        Headers = headers;
        Deadline = deadline;
        CancellationToken = cancellationToken;
    }

    /// <summary>Request metadata sent as HTTP headers.</summary>
    public Metadata? Headers { get; init; }

    /// <summary>When the call must be over (UTC). Sent as grpc-timeout; the client also enforces it itself.</summary>
    public DateTime? Deadline { get; init; }

    public CancellationToken CancellationToken { get; init; }

    /// <summary>Compress request messages with this encoding ("gzip" or "deflate").</summary>
    public string? RequestEncoding { get; init; }

    /// <summary>Per-message flags for request messages (e.g. leave one uncompressed).</summary>
    public WriteOptions? WriteOptions { get; init; }
}
