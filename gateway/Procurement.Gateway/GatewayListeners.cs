using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Procurement.Gateway;

/// <summary>The gateway's listeners; after start their end points carry the ports bound (port 0 picks a free one).</summary>
public sealed class GatewayListeners
{
    internal ListenOptions? Grpc { get; set; }
    internal ListenOptions? Http { get; set; }
    internal ListenOptions? Management { get; set; }

    /// <summary>The h2c listener gRPC clients call.</summary>
    public IPEndPoint GrpcEndPoint => Grpc?.IPEndPoint ?? throw new InvalidOperationException("The gateway has not started.");

    /// <summary>The HTTP/1.1 listener for /healthz; null when Gateway:HttpPort is negative.</summary>
    public IPEndPoint? HttpEndPoint => Http?.IPEndPoint;

    /// <summary>The operators' HTTP/1.1 listener on loopback; null when Gateway:ManagementPort is negative.</summary>
    public IPEndPoint? ManagementEndPoint => Management?.IPEndPoint;

    /// <summary>Whether a request came in on the operators' listener (judged by the connection, never by a header).</summary>
    public bool IsManagement(ConnectionInfo connection) =>
        ManagementEndPoint is { } management
        && connection.LocalIpAddress is { } local && IPAddress.IsLoopback(local)
        && connection.LocalPort == management.Port;
}
