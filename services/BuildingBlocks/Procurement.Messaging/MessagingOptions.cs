using Procurement.Messaging.Outbox;

namespace Procurement.Messaging;

public sealed class MessagingOptions
{
    /// <summary>amqp://user:password@host:port/vhost. Read from configuration (see RabbitMqAddress) unless set.</summary>
    public Uri? RabbitMqUri { get; set; }

    /// <summary>
    /// Prefix for every exchange and queue this service declares. Empty in production; tests and
    /// shared brokers use it to keep separate topologies apart.
    /// </summary>
    public string EntityNamePrefix { get; set; } = "";

    /// <summary>How often the dispatcher looks for rows when nothing signalled it (other replicas' rows, retries).</summary>
    public TimeSpan OutboxPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Rows one dispatcher locks and publishes per transaction.</summary>
    public int OutboxBatchSize { get; set; } = 50;

    /// <summary>How long one publish may wait for the broker's confirm before it counts as failed.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public RetryBackoff OutboxBackoff { get; set; } = RetryBackoff.Default;

    /// <summary>From this many failed attempts on, a row's failures are logged as errors, not warnings.</summary>
    public int OutboxErrorAfterAttempts { get; set; } = 5;

    /// <summary>
    /// In-process redelivery intervals for a failing consumer; after the last one the message goes
    /// to the endpoint's <c>_error</c> queue (MassTransit's default fault handling).
    /// </summary>
    public TimeSpan[] ConsumerRetryIntervals { get; set; } =
        [TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5)];

    /// <summary>
    /// Declare this service's receive endpoint queues as quorum queues (replicated on a RabbitMQ cluster, so
    /// they survive the loss of a node) instead of classic ones; their <c>_error</c> and <c>_skipped</c>
    /// queues follow. The bus's own temporary queue stays classic. Configuration: <c>Messaging:QuorumQueues</c>.
    /// A queue's type is fixed when it is declared: switching an existing deployment needs its queues
    /// drained and deleted first (deploy/README.md).
    /// </summary>
    public bool QuorumQueues { get; set; }

    /// <summary>
    /// How many nodes hold a replica of each quorum queue (x-quorum-initial-group-size); null leaves it to
    /// the broker's default. Configuration: <c>Messaging:QuorumReplicationFactor</c>.
    /// </summary>
    public int? QuorumReplicationFactor { get; set; }

    /// <summary>
    /// The longest wait between attempts to reach the broker again after it went away, so that the connection comes back
    /// within a few seconds of the broker (MassTransit's own schedule grows to 30 s). Null keeps MassTransit's schedule.
    /// See Transport/BrokerReconnect and decision 0024.
    /// </summary>
    public TimeSpan? BrokerReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Whether host start waits until the bus is connected (and fails if it can't be within the start timeout).</summary>
    public bool WaitUntilBusStarted { get; set; }

    /// <summary>The most the bus may take to start or to stop (consumers finishing included).</summary>
    public TimeSpan BusStartStopTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
