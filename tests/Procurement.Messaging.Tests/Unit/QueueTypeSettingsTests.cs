using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Procurement.Messaging.Tests.Support;
using Procurement.Messaging.Transport;

namespace Procurement.Messaging.Tests.Unit;

public sealed class QueueTypeSettingsTests
{
    private static MessagingOptions OptionsFrom(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Messaging:RabbitMq"] = "amqp://guest:guest@127.0.0.1:5673/" })
            .AddInMemoryCollection(settings)
            .Build();
        var services = new ServiceCollection();
        services.AddDbContext<TestDb>(o => o.UseNpgsql("Host=127.0.0.1"));
        services.AddProcurementMessaging<TestDb>(configuration, _ => { });
        return services.BuildServiceProvider().GetRequiredService<MessagingOptions>();
    }

    [Fact]
    public void Without_settings_queues_are_classic()
    {
        var options = OptionsFrom([]);

        Assert.False(options.QuorumQueues);
        Assert.Null(options.QuorumReplicationFactor);
    }

    [Fact]
    public void Deployment_settings_turn_quorum_queues_on_with_a_replication_factor()
    {
        // Messaging__QuorumQueues / Messaging__QuorumReplicationFactor in a container's environment.
        var options = OptionsFrom(new() { [QueueTypeSettings.QuorumQueuesKey] = "true", [QueueTypeSettings.ReplicationFactorKey] = " 3 " });

        Assert.True(options.QuorumQueues);
        Assert.Equal(3, options.QuorumReplicationFactor);
    }

    [Theory]
    [InlineData("Messaging:QuorumQueues", "yes", "set it to true or false")]
    [InlineData("Messaging:QuorumReplicationFactor", "0", "1 or more")]
    [InlineData("Messaging:QuorumReplicationFactor", "three", "1 or more")]
    public void Malformed_setting_stops_the_start_with_what_to_set(string key, string value, string advice)
    {
        var error = Assert.Throws<InvalidOperationException>(() => OptionsFrom(new() { [key] = value }));

        Assert.Contains($"{key} is '{value}'", error.Message);
        Assert.Contains(advice, error.Message);
    }

    [Fact]
    public void The_bus_start_and_stop_timeout_is_a_deployment_setting()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), OptionsFrom([]).BusStartStopTimeout);
        Assert.Equal(TimeSpan.FromSeconds(10), OptionsFrom(new() { ["Messaging:BusStartStopTimeout"] = "00:00:10" }).BusStartStopTimeout);

        var error = Assert.Throws<InvalidOperationException>(() => OptionsFrom(new() { ["Messaging:BusStartStopTimeout"] = "-00:00:05" }));
        Assert.Contains("must be a positive time span", error.Message);
    }
}
