using Grpc.Health.V1;
using Microsoft.Extensions.DependencyInjection;
using Procurement.Grpc.Health;
using Procurement.Grpc.Tests.Support;

namespace Procurement.Grpc.Tests.Standard;

using ServingStatus = HealthCheckResponse.Types.ServingStatus;

public class HealthTests(GrpcTestServer server) : IClassFixture<GrpcTestServer>
{
    private readonly global::Grpc.Health.V1.Health.HealthClient _client = new(server.Channel);
    private HealthStatusRegistry Registry => server.Services.GetRequiredService<HealthStatusRegistry>();

    [Theory]
    [InlineData("")]
    [InlineData("grpc.testing.TestService")]
    [InlineData("procurement.testing.v1.RuntimeTest")]
    [InlineData("grpc.health.v1.Health")]
    public async Task The_server_and_its_mapped_services_report_serving(string service)
    {
        Assert.Equal(ServingStatus.Serving, await CheckAsync(service));
    }

    [Theory]
    [InlineData("no.such.Service")]
    [InlineData("grpc.testing.UnimplementedService")]
    [InlineData("GRPC.TESTING.TESTSERVICE")]
    public async Task Check_of_an_unknown_service_is_NOT_FOUND(string service)
    {
        var ex = await Wait.ForRpcException(() => CheckAsync(service));
        Assert.Equal(StatusCode.NotFound, ex.StatusCode);
    }

    [Theory]
    [InlineData("procurement.testing.v1.RuntimeTest")]
    [InlineData("")]
    public async Task A_status_set_in_the_registry_is_what_Check_reports(string service)
    {
        Registry.SetStatus(service, ServingStatus.NotServing);
        try
        {
            Assert.Equal(ServingStatus.NotServing, await CheckAsync(service));
            Assert.Equal(ServingStatus.Serving, await CheckAsync("grpc.testing.TestService"));
        }
        finally
        {
            Registry.SetStatus(service, ServingStatus.Serving);
        }
        Assert.Equal(ServingStatus.Serving, await CheckAsync(service));
    }

    [Fact]
    public async Task A_name_that_gets_a_status_becomes_checkable()
    {
        var service = UniqueName();
        Registry.SetStatus(service, ServingStatus.NotServing);

        Assert.Equal(ServingStatus.NotServing, await CheckAsync(service));
    }

    [Fact]
    public async Task Watch_sends_the_current_status_first_and_then_each_change()
    {
        var service = UniqueName();
        Registry.SetStatus(service, ServingStatus.Serving);
        using var watch = _client.Watch(new HealthCheckRequest { Service = service });

        Assert.Equal(ServingStatus.Serving, await NextAsync(watch));

        Registry.SetStatus(service, ServingStatus.NotServing);
        Assert.Equal(ServingStatus.NotServing, await NextAsync(watch));

        Registry.SetStatus(service, ServingStatus.Serving);
        Assert.Equal(ServingStatus.Serving, await NextAsync(watch));
    }

    [Fact]
    public async Task Watch_does_not_repeat_a_status_that_did_not_change()
    {
        var service = UniqueName();
        Registry.SetStatus(service, ServingStatus.Serving);
        using var watch = _client.Watch(new HealthCheckRequest { Service = service });
        Assert.Equal(ServingStatus.Serving, await NextAsync(watch));

        Registry.SetStatus(service, ServingStatus.Serving);
        Registry.SetStatus(service, ServingStatus.NotServing);

        Assert.Equal(ServingStatus.NotServing, await NextAsync(watch));
    }

    [Fact]
    public async Task Watch_of_an_unknown_service_says_SERVICE_UNKNOWN_and_stays_open_until_it_is_known()
    {
        var service = UniqueName();
        using var watch = _client.Watch(new HealthCheckRequest { Service = service });

        Assert.Equal(ServingStatus.ServiceUnknown, await NextAsync(watch));

        var next = NextAsync(watch);
        Assert.False(next.IsCompleted, "the watch ended or sent a message although nothing changed");
        Registry.SetStatus(service, ServingStatus.Serving);

        Assert.Equal(ServingStatus.Serving, await next);
    }

    [Fact]
    public async Task Watch_of_a_served_service_starts_with_serving()
    {
        using var watch = _client.Watch(new HealthCheckRequest { Service = "grpc.testing.TestService" });
        Assert.Equal(ServingStatus.Serving, await NextAsync(watch));
    }

    [Fact]
    public async Task Watchers_of_other_services_are_not_told_about_a_change()
    {
        var watched = UniqueName();
        var other = UniqueName();
        using var watch = _client.Watch(new HealthCheckRequest { Service = watched });
        Assert.Equal(ServingStatus.ServiceUnknown, await NextAsync(watch));

        Registry.SetStatus(other, ServingStatus.NotServing);
        Registry.SetStatus(watched, ServingStatus.Serving);

        Assert.Equal(ServingStatus.Serving, await NextAsync(watch));
    }

    private async Task<ServingStatus> CheckAsync(string service) =>
        (await _client.CheckAsync(new HealthCheckRequest { Service = service }).ResponseAsync.Bounded()).Status;

    private static async Task<ServingStatus> NextAsync(AsyncServerStreamingCall<HealthCheckResponse> watch)
    {
        Assert.True(await watch.ResponseStream.MoveNext().Bounded(), "the watch ended");
        return watch.ResponseStream.Current.Status;
    }

    private static string UniqueName() => "test.health.S" + Guid.NewGuid().ToString("N");
}
