using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace Procurement.Observability.Tests;

/// <summary>
/// A stand-in OpenTelemetry collector on Kestrel: OTLP over http/protobuf (POST /v1/traces, /v1/metrics,
/// /v1/logs, on an HTTP/1.1 + HTTP/2 port) and over gRPC (the collector services' Export methods, on an
/// h2c port). It keeps each request body by signal and answers with an empty (successful) response.
/// </summary>
public sealed class FakeOtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<byte[]>> _bodies = new();

    private FakeOtlpReceiver(WebApplication app) => _app = app;

    public Uri HttpEndpoint { get; private set; } = null!;
    public Uri GrpcEndpoint { get; private set; } = null!;

    public IReadOnlyCollection<byte[]> Received(string signal) => _bodies.TryGetValue(signal, out var bodies) ? bodies : [];

    public static async Task<FakeOtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http1AndHttp2);
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2);
        });
        var app = builder.Build();
        var receiver = new FakeOtlpReceiver(app);
        foreach (var signal in new[] { "traces", "metrics", "logs" })
        {
            app.MapPost($"/v1/{signal}", async context =>
            {
                receiver.Keep(signal, await ReadAllAsync(context.Request));
                context.Response.ContentType = "application/x-protobuf";
            });
        }
        foreach (var (signal, service) in new[] { ("traces", "trace.v1.TraceService"), ("metrics", "metrics.v1.MetricsService"), ("logs", "logs.v1.LogsService") })
        {
            app.MapPost($"/opentelemetry.proto.collector.{service}/Export", async context =>
            {
                var framed = await ReadAllAsync(context.Request);
                receiver.Keep(signal, framed.Length >= 5 ? framed[5..] : []);
                context.Response.ContentType = "application/grpc";
                await context.Response.Body.WriteAsync(new byte[5]); // one empty Export response message
                context.Response.AppendTrailer("grpc-status", "0");
            });
        }
        await app.StartAsync();
        var addresses = app.Urls.Select(u => new Uri(u)).ToList();
        receiver.HttpEndpoint = addresses[0];
        receiver.GrpcEndpoint = addresses[1];
        return receiver;
    }

    private void Keep(string signal, byte[] body) => _bodies.GetOrAdd(signal, _ => new()).Enqueue(body);

    private static async Task<byte[]> ReadAllAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
