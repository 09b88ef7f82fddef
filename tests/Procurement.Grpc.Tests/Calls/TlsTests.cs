using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Procurement.Grpc.Tests.Protos;
using Procurement.Grpc.Tests.Support;

namespace Procurement.Grpc.Tests.Calls;

/// <summary>Adds a TLS listener (HTTP/1.1 and HTTP/2 by ALPN) with a certificate made for the test.</summary>
public sealed class TlsServer : GrpcTestServer
{
    public X509Certificate2 Certificate { get; } = CreateCertificate();

    public Uri TlsAddress => new($"https://localhost:{AllAddresses[2].Port}");

    protected override void ConfigureKestrel(KestrelServerOptions kestrel) =>
        kestrel.ListenGrpc(IPAddress.Loopback, 0, Certificate);

    private static X509Certificate2 CreateCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }
}

public sealed class TlsTests(TlsServer server) : IClassFixture<TlsServer>
{
    [Fact]
    public async Task Calls_work_over_tls_with_alpn_negotiated_http2()
    {
        var options = new GrpcChannelOptions
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                    certificate is not null && certificate.GetCertHashString() == server.Certificate.GetCertHashString(),
            },
        };
        using var channel = GrpcChannel.ForAddress(server.TlsAddress, options);
        var client = new RuntimeTest.RuntimeTestClient(channel);
        var response = await client.EchoAsync(new EchoRequest { Text = "sealed" }).ResponseAsync.Bounded();
        Assert.Equal("sealed", response.Text);

        using var stream = client.CountUp(new Count { Value = 3 });
        var count = 0;
        while (await stream.ResponseStream.MoveNext().Bounded()) count++;
        Assert.Equal(3, count);
    }

    [Fact]
    public async Task Untrusted_certificate_is_unavailable()
    {
        using var channel = GrpcChannel.ForAddress(server.TlsAddress);
        var error = await Wait.ForRpcException(() => new RuntimeTest.RuntimeTestClient(channel).EchoAsync(new EchoRequest()).ResponseAsync);
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }
}
