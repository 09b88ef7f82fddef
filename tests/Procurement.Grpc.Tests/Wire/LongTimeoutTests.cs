using System.Net;
using Procurement.Grpc.Tests.Protos;
using Procurement.Grpc.Tests.Support;

namespace Procurement.Grpc.Tests.Wire;

/// <summary>Timeouts longer than a timer can hold (~49.7 days) are valid on the wire and must not break a call.</summary>
public class LongTimeoutTests(GrpcTestServer server) : IClassFixture<GrpcTestServer>
{
    [Theory]
    [InlineData("10H")]
    [InlineData("1200H")]      // 50 days
    [InlineData("99999999H")]  // the largest value the header can carry
    public async Task Server_serves_a_call_with_any_valid_grpc_timeout(string timeout)
    {
        using var request = RawGrpc.Request(server.Address, "/procurement.testing.v1.RuntimeTest/Echo", RawGrpc.Frame(new EchoRequest { Text = "x" }));
        request.Headers.TryAddWithoutValidation("grpc-timeout", timeout);

        using var response = await server.Raw.SendAsync(request).Bounded();
        await response.Content.ReadAsByteArrayAsync().Bounded();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("0", RawGrpc.StatusOf(response));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(60)]
    [InlineData(365 * 300)]
    public async Task Client_completes_a_call_with_a_deadline_far_in_the_future(int days)
    {
        var client = new RuntimeTest.RuntimeTestClient(server.Channel);

        var response = await client.EchoAsync(new EchoRequest { Text = "far" }, new CallOptions(deadline: DateTime.UtcNow.AddDays(days)))
            .ResponseAsync.Bounded();

        Assert.Equal("far", response.Text);
        Assert.NotEqual("", response.Deadline);
    }
}
