using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Procurement.Messaging.Transport;

/// <summary>The queue type a deployment chooses in configuration (deploy/config.yaml sets it for Kubernetes).</summary>
public static class QueueTypeSettings
{
    public const string QuorumQueuesKey = "Messaging:QuorumQueues";
    public const string ReplicationFactorKey = "Messaging:QuorumReplicationFactor";

    /// <summary>Copies the settings present in <paramref name="configuration"/> to <paramref name="options"/>; a malformed one stops the start.</summary>
    public static void Apply(IConfiguration? configuration, MessagingOptions options)
    {
        if (Value(configuration, QuorumQueuesKey) is { } quorum)
            options.QuorumQueues = bool.TryParse(quorum, out var on)
                ? on
                : throw new InvalidOperationException($"{QuorumQueuesKey} is '{quorum}': set it to true or false.");

        if (Value(configuration, ReplicationFactorKey) is { } factor)
            options.QuorumReplicationFactor =
                int.TryParse(factor, NumberStyles.None, CultureInfo.InvariantCulture, out var nodes) && nodes >= 1
                    ? nodes
                    : throw new InvalidOperationException(
                        $"{ReplicationFactorKey} is '{factor}': set the number of nodes that hold each queue (1 or more, e.g. 3 on a three-node cluster), or leave it out for the broker's default.");
    }

    private static string? Value(IConfiguration? configuration, string key) =>
        configuration?[key] is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
