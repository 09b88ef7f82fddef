using Microsoft.Extensions.Logging;
using Procurement.Gateway.Tests.Probe;
using Procurement.Gateway.Tests.Support;
using Grpc.Core;

namespace Procurement.Gateway.Tests;

public sealed class AccessLogTests : ProbeGatewayTestBase
{
    [Fact]
    public async Task Forwarded_call_has_one_entry_with_path_caller_status_duration_and_cluster()
    {
        await Awards.EchoAsync(new EchoRequest(), Gateway.As(People.Supplier));

        var entry = await Eventually.Single(() => Gateway.AccessLog.SingleOrDefault(), "the access log entry");
        Assert.Equal("/procurement.probe.v1.ProbeService/Echo", entry.Values["Path"]);
        Assert.Equal(People.Supplier.PersonId, entry.Values["Subject"]);
        Assert.Equal(People.Supplier.Organisation, entry.Values["Organisation"]);
        Assert.Equal("0", entry.Values["GrpcStatus"]);
        Assert.Equal("Awards", entry.Values["Cluster"]);
        Assert.IsType<double>(entry.Values["DurationMs"]);
        // An OK call in time is not worth reading in production: Debug.
        Assert.Equal(LogLevel.Debug, entry.Level);
    }

    [Fact]
    public async Task Refused_call_is_logged_with_its_status()
    {
        await Assert.ThrowsAsync<RpcException>(async () => await Awards.EchoAsync(new EchoRequest(), Anonymous));

        var entry = await Eventually.Single(() => Gateway.AccessLog.SingleOrDefault(), "the access log entry");
        Assert.Equal("/procurement.probe.v1.ProbeService/Echo", entry.Values["Path"]);
        Assert.Equal("-", entry.Values["Subject"]);
        Assert.Equal("16", entry.Values["GrpcStatus"]);
        Assert.Equal(LogLevel.Information, entry.Level);
    }

    [Fact]
    public async Task A_services_failure_status_from_the_trailers_is_logged()
    {
        using var call = Awards.Fail(new FailRequest { Status = (int)StatusCode.NotFound, Message = "No such award." }, Gateway.As(People.Supplier));
        await Assert.ThrowsAsync<RpcException>(async () => { await foreach (var _ in call.ResponseStream.ReadAllAsync()) { } });

        var entry = await Eventually.Single(() => Gateway.AccessLog.SingleOrDefault(), "the access log entry");
        Assert.Equal("5", entry.Values["GrpcStatus"]);
        Assert.Equal(LogLevel.Information, entry.Level);
    }
}
