using MassTransit;

namespace Procurement.Messaging.Transport;

/// <summary>Makes a receive endpoint's queue a quorum queue (MessagingOptions.QuorumQueues).</summary>
internal static class QuorumQueues
{
    /// <summary>
    /// Only endpoints set up by ConfigureEndpoints come here (consumer endpoints, ConsumeInOrder queues), not
    /// the bus's own queue. MassTransit declares an endpoint's <c>_error</c> and <c>_skipped</c> queues with
    /// the endpoint queue's arguments, so they become quorum queues too. A temporary endpoint
    /// (<c>e.Temporary = true</c>, as the tests' recorders use) stays classic: SetQuorumQueue would turn it
    /// into a durable queue, and a quorum queue cannot be transient.
    /// </summary>
    public static void Apply(IReceiveEndpointConfigurator endpoint, int? replicationFactor)
    {
        if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit && !IsTransient(endpoint.InputAddress))
            rabbit.SetQuorumQueue(replicationFactor);
    }

    // MassTransit writes a RabbitMQ endpoint's non-default settings into its address's query.
    private static bool IsTransient(Uri inputAddress) =>
        inputAddress.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).Any(setting =>
            setting.Equals("temporary=true", StringComparison.OrdinalIgnoreCase)
            || setting.Equals("durable=false", StringComparison.OrdinalIgnoreCase)
            || setting.Equals("autodelete=true", StringComparison.OrdinalIgnoreCase));
}
