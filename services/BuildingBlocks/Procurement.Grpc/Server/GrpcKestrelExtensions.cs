using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Procurement.Grpc;

public static class GrpcKestrelExtensions
{
    /// <summary>
    /// Listens for gRPC: cleartext HTTP/2 (h2c, prior knowledge) without a certificate; with one, TLS
    /// offering HTTP/2 and HTTP/1.1 by ALPN. (A cleartext endpoint offering both would speak only HTTP/1.1.)
    /// Port 0 picks a free port.
    /// </summary>
    public static KestrelServerOptions ListenGrpc(this KestrelServerOptions kestrel, IPAddress address, int port, X509Certificate2? certificate = null)
    {
        kestrel.Listen(address, port, listen =>
        {
            if (certificate is null)
            {
                listen.Protocols = HttpProtocols.Http2;
            }
            else
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(certificate);
            }
        });
        return kestrel;
    }
}
