using MassTransit;

namespace Procurement.Messaging.Transport;

/// <summary>Puts <see cref="MessagingOptions.EntityNamePrefix"/> in front of every message exchange name.</summary>
internal sealed class PrefixedEntityNameFormatter(IEntityNameFormatter inner, string prefix) : IEntityNameFormatter
{
    public string FormatEntityName<T>() => prefix + inner.FormatEntityName<T>();
}
