using Grpc.Health.V1;
using Npgsql;
using Procurement.Hosting;
using Procurement.Tenders.Tests.Integration.Support;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Procurement.Tenders.Tests.Integration;

/// <summary>grpc.health.v1 backed by real checks: the service's database taken away and given back, on the real PostgreSQL.</summary>
public sealed class ServiceHealthTests : TenderServiceTestBase
{
    [Fact]
    public async Task The_service_is_not_serving_while_its_database_refuses_connections_yet_stays_alive()
    {
        Assert.Equal(ServingStatus.Serving, await StatusAsync(""));

        await AllowConnectionsAsync(false);
        try
        {
            await Eventually.True(async () => await StatusAsync("") == ServingStatus.NotServing, "NOT_SERVING without the database");
            // Liveness reports the process alone: an outage of the database must not get the replica restarted.
            Assert.Equal(ServingStatus.Serving, await StatusAsync(GrpcHosting.LivenessService));
        }
        finally
        {
            await AllowConnectionsAsync(true);
        }
        await Eventually.True(async () => await StatusAsync("") == ServingStatus.Serving, "SERVING again with the database back");
    }

    private async Task<ServingStatus> StatusAsync(string service) =>
        (await Service.Health.CheckAsync(new HealthCheckRequest { Service = service }, deadline: DateTime.UtcNow + TestInfrastructure.Timeout)).Status;

    /// <summary>What a database outage looks like to the service: new connections refused, its open ones ended.</summary>
    private async Task AllowConnectionsAsync(bool allow)
    {
        await using var admin = new NpgsqlConnection(TestInfrastructure.PostgresConnectionString);
        await admin.OpenAsync();
        await using (var alter = new NpgsqlCommand($"ALTER DATABASE \"{Database.Name}\" WITH ALLOW_CONNECTIONS {(allow ? "true" : "false")}", admin))
            await alter.ExecuteNonQueryAsync();
        if (allow) return;
        await using var terminate = new NpgsqlCommand("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = @name AND pid <> pg_backend_pid()", admin);
        terminate.Parameters.AddWithValue("name", Database.Name);
        await terminate.ExecuteNonQueryAsync();
    }
}
