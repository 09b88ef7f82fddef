using Procurement.Testing;
using Grpc.Health.V1;
using Procurement.Gateway.Tests.Probe;
using Procurement.Gateway.Tests.Support;
using Grpc.Core;
using HealthClient = Grpc.Health.V1.Health.HealthClient;

namespace Procurement.Gateway.Tests;

public sealed class ForwardingTests : ProbeGatewayTestBase
{
    [Fact]
    public async Task Unary_call_is_forwarded_to_its_service_with_the_callers_token()
    {
        var options = Gateway.As(People.Supplier);

        var reply = await Awards.EchoAsync(new EchoRequest { Text = "hello" }, options);

        Assert.Equal("hello", reply.Text);
        Assert.Equal(options.Headers!.GetValue("authorization"), reply.Authorization);
        Assert.Equal(["/procurement.probe.v1.ProbeService/Echo"], Probe.Calls.Methods);
    }

    [Fact]
    public async Task Server_streaming_call_passes_every_message_and_the_final_status()
    {
        using var call = Awards.Count(new CountRequest { UpTo = 50 }, Gateway.As(People.Supplier));

        var received = new List<string>();
        await foreach (var reply in call.ResponseStream.ReadAllAsync()) received.Add(reply.Text);

        Assert.Equal(Enumerable.Range(1, 50).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), received);
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task A_services_status_in_the_trailers_after_a_message_reaches_the_caller()
    {
        using var call = Awards.Fail(new FailRequest { Status = (int)StatusCode.FailedPrecondition, Message = "The standstill period has not ended." },
            Gateway.As(People.Supplier));

        var received = new List<string>();
        var failure = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (var reply in call.ResponseStream.ReadAllAsync()) received.Add(reply.Text);
        });

        Assert.Equal(["before the failure"], received);
        Assert.Equal(StatusCode.FailedPrecondition, failure.StatusCode);
        Assert.Equal("The standstill period has not ended.", failure.Status.Detail);
    }

    [Fact]
    public async Task Unknown_service_is_unimplemented_without_reaching_a_service()
    {
        var failure = await Assert.ThrowsAsync<RpcException>(() =>
            CallPathAsync("procurement.payroll.v1.PayrollService", "Pay", Gateway.As(People.Officer)));

        Assert.Equal(StatusCode.Unimplemented, failure.StatusCode);
        Assert.Contains("procurement.payroll.v1.PayrollService", failure.Status.Detail);
        Assert.Empty(Probe.Calls.Methods);
    }

    [Fact]
    public async Task Unknown_method_of_a_routed_service_is_unimplemented_at_the_gateway()
    {
        var failure = await Assert.ThrowsAsync<RpcException>(() =>
            CallPathAsync("procurement.tender.v1.TenderService", "DeleteEverything", Anonymous));

        Assert.Equal(StatusCode.Unimplemented, failure.StatusCode);
        Assert.Equal("Method DeleteEverything is not implemented by service procurement.tender.v1.TenderService.", failure.Status.Detail);
        Assert.Contains(Gateway.AccessLog, e => Equals(e.Values["Cluster"], "gateway") && Equals(e.Values["GrpcStatus"], "12"));
    }

    [Fact]
    public async Task The_gateway_answers_grpc_health_itself_without_a_token()
    {
        var health = new HealthClient(Gateway.Channel.WithDeadlinesRequired());

        var gateway = await health.CheckAsync(new HealthCheckRequest(), Anonymous);
        var tenders = await health.CheckAsync(new HealthCheckRequest { Service = "procurement.tender.v1.TenderService" }, Anonymous);
        var unknown = await Assert.ThrowsAsync<RpcException>(async () =>
            await health.CheckAsync(new HealthCheckRequest { Service = "procurement.payroll.v1.PayrollService" }, Anonymous));

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, gateway.Status);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, tenders.Status);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        Assert.Empty(Probe.Calls.Methods);
    }
}
