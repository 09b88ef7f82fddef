using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace Procurement.Grpc;

/// <summary>What a service handler knows of its call, and how it shapes the response.</summary>
public abstract class ServerCallContext
{
    /// <summary>The full method path, e.g. "/procurement.tender.v1.TenderService/Publish".</summary>
    public abstract string Method { get; }
    public abstract string Host { get; }
    /// <summary>The caller's address, e.g. "ipv4:127.0.0.1:50123".</summary>
    public abstract string Peer { get; }
    /// <summary>When the call must end (UTC); DateTime.MaxValue when the client set no deadline.</summary>
    public abstract DateTime Deadline { get; }
    public abstract Metadata RequestHeaders { get; }
    /// <summary>Fires when the client cancels, the connection drops or the deadline passes.</summary>
    public abstract CancellationToken CancellationToken { get; }
    public abstract Metadata ResponseTrailers { get; }
    /// <summary>The status sent when the handler returns; OK unless set (throwing an RpcException also sets it).</summary>
    public abstract Status Status { get; set; }
    public abstract WriteOptions? WriteOptions { get; set; }
    /// <summary>Compress response messages with this encoding ("gzip", "deflate") when the client accepts it. Set before the first write.</summary>
    public abstract string? ResponseEncoding { get; set; }
    /// <summary>Whether the most recently read request message arrived compressed.</summary>
    public abstract bool LastRequestCompressed { get; }
    public abstract ClaimsPrincipal User { get; }
    /// <summary>The underlying HTTP context, when the call runs on ASP.NET Core.</summary>
    public abstract HttpContext? HttpContext { get; }

    /// <summary>Sends the response headers now, with this metadata. At most once, before the first message.</summary>
    public abstract Task WriteResponseHeadersAsync(Metadata responseHeaders);
}
