using System.Net.Security;

namespace Procurement.Grpc;

public sealed class GrpcChannelOptions
{
    /// <summary>Largest response message accepted, in bytes (default 4 MB); larger ones fail with RESOURCE_EXHAUSTED.</summary>
    public int MaxReceiveMessageSize { get; set; } = GrpcProtocol.DefaultMaxReceiveMessageSize;

    /// <summary>Largest request message sent, in bytes (default: no limit).</summary>
    public int MaxSendMessageSize { get; set; } = int.MaxValue;

    /// <summary>An HTTP handler of your own (e.g. an in-process test server's); by default a SocketsHttpHandler.</summary>
    public HttpMessageHandler? HttpHandler { get; set; }

    /// <summary>TLS settings for https:// addresses, e.g. a certificate validation callback.</summary>
    public SslClientAuthenticationOptions? SslOptions { get; set; }

    /// <summary>
    /// Interval of HTTP/2 keep-alive pings on idle connections (default: none). C-core servers answer
    /// pings more frequent than every 5 minutes without data with GOAWAY "too_many_pings".
    /// </summary>
    public TimeSpan? KeepAlivePingDelay { get; set; }

    /// <summary>Client interceptors, outermost first.</summary>
    public List<ClientInterceptor> Interceptors { get; } = [];

    /// <summary>Time source for deadlines.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
