using System.Reflection;
using MassTransit;
using MassTransit.Configuration;

namespace Procurement.Messaging.Transport;

/// <summary>
/// How soon the RabbitMQ transport tries again to reach a broker that went away (decision 0024). MassTransit 8.5 retries
/// with the host configuration's <c>ReceiveTransportRetryPolicy</c>, which RabbitMqHostConfiguration builds itself and no
/// configurator exposes: exponential from 3 s up to 30 s between attempts, so a broker back after a short outage is
/// found only up to 30 s later. This keeps that policy's choice of which failures are retried (MassTransit's own
/// filter) and replaces its schedule with one capped at <see cref="MessagingOptions.BrokerReconnectMaxDelay"/>. It
/// reaches the policy by reflection, the one place where the suite does: if a MassTransit upgrade moves it, the
/// service refuses to start (and the messaging tests fail), rather than silently waiting 30 s again.
/// </summary>
internal static class BrokerReconnect
{
    private const string PolicyField = "<ReceiveTransportRetryPolicy>k__BackingField";

    /// <summary>About as long as MassTransit's own policy keeps trying (1000 attempts, most of them 30 s apart: some 8 hours).</summary>
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromHours(8);

    public static void Apply(IRabbitMqBusFactoryConfigurator rabbit, TimeSpan maxDelay)
    {
        var host = HostConfigurationOf(rabbit);
        var field = FindField(host.GetType(), PolicyField)
            ?? throw Moved($"{host.GetType().FullName} has no field {PolicyField}");
        var original = (IRetryPolicy)(field.GetValue(host) ?? throw Moved("the transport's retry policy is not set"));
        field.SetValue(host, Schedule(original, maxDelay));
    }

    /// <summary>MassTransit's choice of failures, retried after 0.5 s, then about 1 s, 1.5 s, … up to <paramref name="maxDelay"/>.</summary>
    internal static IRetryPolicy Schedule(IRetryPolicy original, TimeSpan maxDelay)
    {
        var first = TimeSpan.FromTicks(Math.Min(TimeSpan.FromMilliseconds(500).Ticks, maxDelay.Ticks));
        var attempts = (int)Math.Clamp(GiveUpAfter / maxDelay, 100, 100_000);
        return Retry.CreatePolicy(retry =>
        {
            retry.Handle<Exception>(original.IsHandled);
            retry.Exponential(attempts, first, maxDelay, first);
        });
    }

    private static IHostConfiguration HostConfigurationOf(IRabbitMqBusFactoryConfigurator rabbit)
    {
        for (var type = rabbit.GetType(); type is not null; type = type.BaseType)
            foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.DeclaredOnly))
                if (typeof(IHostConfiguration).IsAssignableFrom(field.FieldType) && field.GetValue(rabbit) is IHostConfiguration host)
                    return host;
        throw Moved($"{rabbit.GetType().FullName} holds no host configuration");
    }

    private static FieldInfo? FindField(Type? type, string name)
    {
        for (; type is not null; type = type.BaseType)
            if (type.GetField(name, BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.DeclaredOnly) is { } field) return field;
        return null;
    }

    private static InvalidOperationException Moved(string what) => new(
        $"Cannot bound the RabbitMQ reconnect delay: {what} (MassTransit changed?). Set MessagingOptions.BrokerReconnectMaxDelay to null to keep MassTransit's own schedule, and see docs/decisions/0024.");
}
