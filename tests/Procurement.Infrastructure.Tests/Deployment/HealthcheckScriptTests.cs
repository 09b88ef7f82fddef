using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Procurement.Infrastructure.Tests.Deployment;

/// <summary>deploy/container/healthcheck, the images' HEALTHCHECK (bash only: the .NET images have no curl).</summary>
public sealed class HealthcheckScriptTests
{
    private static Task<Tool.Result> HealthcheckAsync(params string[] arguments) =>
        Tool.RunAsync("bash", ["deploy/container/healthcheck", .. arguments]);

    [Fact]
    public async Task Tcp_check_passes_while_the_port_listens_and_fails_once_it_is_closed()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port.ToString();

        Assert.Equal(0, (await HealthcheckAsync("tcp", port)).ExitCode);
        listener.Stop();
        Assert.Equal(1, (await HealthcheckAsync("tcp", port)).ExitCode);
    }

    [Theory]
    [InlineData("HTTP/1.1 200 OK", 0)]
    [InlineData("HTTP/1.1 503 Service Unavailable", 1)]
    public async Task Http_check_passes_only_on_200(string statusLine, int exitCode)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port.ToString();
        var request = AnswerOnceAsync(listener, statusLine);

        var result = await HealthcheckAsync("http", port, "/healthz");

        Assert.Equal(exitCode, result.ExitCode);
        Assert.StartsWith("GET /healthz HTTP/1.1\r\n", await request);
    }

    private static async Task<string> AnswerOnceAsync(TcpListener listener, string statusLine)
    {
        using var client = await listener.AcceptTcpClientAsync();
        var stream = client.GetStream();
        var buffer = new byte[1024];
        var request = new StringBuilder();
        while (!request.ToString().Contains("\r\n\r\n"))
        {
            var read = await stream.ReadAsync(buffer);
            if (read == 0) break;
            request.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"{statusLine}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
        return request.ToString();
    }

    [Fact]
    public async Task Unknown_mode_fails_with_usage()
    {
        var result = await HealthcheckAsync("grpc", "5101");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("usage:", result.Error);
    }
}
