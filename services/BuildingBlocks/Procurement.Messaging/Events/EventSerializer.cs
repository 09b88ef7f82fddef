using System.Text.Json;

namespace Procurement.Messaging.Events;

/// <summary>Outbox payloads as System.Text.Json; types resolved only through the <see cref="EventTypeRegistry"/>.</summary>
public sealed class EventSerializer(EventTypeRegistry registry)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public (string TypeName, string Payload) Serialize(object integrationEvent)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        var type = integrationEvent.GetType();
        return (registry.NameOf(type), JsonSerializer.Serialize(integrationEvent, type, Json));
    }

    public (object Event, Type Type) Deserialize(string typeName, string payload)
    {
        if (!registry.TryGetType(typeName, out var type))
            throw new UnknownEventTypeException(typeName);
        var value = JsonSerializer.Deserialize(payload, type, Json)
                    ?? throw new JsonException($"Outbox payload of '{typeName}' is null.");
        return (value, type);
    }
}

public sealed class UnknownEventTypeException(string typeName)
    : Exception($"Outbox row has event type '{typeName}', which is not registered with this service.")
{
    public string TypeName { get; } = typeName;
}
