using System.Collections.Concurrent;

namespace Procurement.Grpc;

/// <summary>
/// A client's connection to one server address: h2c with prior knowledge for http://, TLS with ALPN
/// for https://. Thread-safe and meant to be long-lived; calls share its HTTP/2 connections.
/// </summary>
public sealed class GrpcChannel : IDisposable
{
    private readonly ConcurrentDictionary<string, Uri> _methodUris = new(StringComparer.Ordinal);
    private readonly bool _ownsHandler;

    private GrpcChannel(Uri address, GrpcChannelOptions options)
    {
        Address = address;
        Options = options;
        HttpMessageHandler handler;
        if (options.HttpHandler is { } custom)
        {
            handler = custom;
        }
        else
        {
            var sockets = new SocketsHttpHandler
            {
                EnableMultipleHttp2Connections = true,
                PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
                AutomaticDecompression = System.Net.DecompressionMethods.None,
                UseCookies = false,
                UseProxy = false,
                // The runtime writes the W3C trace context itself (the client span's); the handler must not
                // replace it with that of its own HTTP activity.
                ActivityHeadersPropagator = System.Diagnostics.DistributedContextPropagator.CreateNoOutputPropagator(),
            };
            if (options.SslOptions is { } ssl) sockets.SslOptions = ssl;
            if (options.KeepAlivePingDelay is { } ping)
            {
                sockets.KeepAlivePingDelay = ping;
                sockets.KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests;
            }
            handler = sockets;
            _ownsHandler = true;
        }
        Invoker = new HttpMessageInvoker(handler, disposeHandler: _ownsHandler);
        CallInvoker = options.Interceptors.Count == 0
            ? new HttpCallInvoker(this)
            : new HttpCallInvoker(this).Intercept([.. options.Interceptors]);
    }

    public Uri Address { get; }
    public GrpcChannelOptions Options { get; }
    /// <summary>Starts calls on this channel, through its interceptors; pass it to a generated client.</summary>
    public CallInvoker CallInvoker { get; }
    internal HttpMessageInvoker Invoker { get; }

    /// <summary>A channel to "http://host:port" (cleartext HTTP/2) or "https://host:port" (TLS).</summary>
    public static GrpcChannel ForAddress(string address, GrpcChannelOptions? options = null) =>
        ForAddress(new Uri(address, UriKind.Absolute), options);

    public static GrpcChannel ForAddress(Uri address, GrpcChannelOptions? options = null)
    {
        if (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps)
            throw new ArgumentException($"A gRPC address must start with http:// or https://, not '{address.Scheme}://'.", nameof(address));
        return new GrpcChannel(address, options ?? new GrpcChannelOptions());
    }

    internal Uri GetMethodUri(Method method) =>
        _methodUris.GetOrAdd(method.FullName, static (path, address) => new Uri(address, path), Address);

    public void Dispose() => Invoker.Dispose();
}
