using System.Text.Json;
using Procurement.Messaging.Events;
using Procurement.Messaging.Tests.Contracts;

namespace Procurement.Messaging.Tests.Unit;

public sealed class EventTypeRegistryTests
{
    [Fact]
    public void Namespace_registration_finds_the_contract_records()
    {
        var registry = new EventTypeRegistry().AddNamespaceOf<TenderPublished>();

        Assert.Equal([typeof(BidSubmitted), typeof(TenderPublished), typeof(TenderWithdrawn)],
            registry.Types.OrderBy(t => t.Name));
        Assert.Equal("Procurement.Messaging.Tests.Contracts.TenderPublished", registry.NameOf(typeof(TenderPublished)));
    }

    [Fact]
    public void A_name_cannot_be_given_to_two_types()
    {
        var registry = new EventTypeRegistry().Add<TenderPublished>("tender.published");
        Assert.Throws<InvalidOperationException>(() => registry.Add<TenderWithdrawn>("tender.published"));
    }

    [Fact]
    public void Unregistered_event_cannot_be_enqueued()
    {
        var serializer = new EventSerializer(new EventTypeRegistry().Add<TenderPublished>());
        var error = Assert.Throws<InvalidOperationException>(() => serializer.Serialize(new BidSubmitted(Guid.NewGuid(), Guid.NewGuid())));
        Assert.Contains("not a registered integration event", error.Message);
    }

    [Fact]
    public void Payload_round_trips_through_its_registered_name()
    {
        var serializer = new EventSerializer(new EventTypeRegistry().Add<TenderPublished>("tender.published"));
        var published = new TenderPublished(Guid.NewGuid(), "Kent and Essex: body-worn video");

        var (name, payload) = serializer.Serialize(published);
        var (value, type) = serializer.Deserialize(name, payload);

        Assert.Equal("tender.published", name);
        Assert.Equal(typeof(TenderPublished), type);
        Assert.Equal(published, value);
    }

    [Fact]
    public void Stored_type_name_outside_the_registry_is_refused_not_loaded()
    {
        var serializer = new EventSerializer(new EventTypeRegistry().Add<TenderPublished>());
        var hostile = typeof(System.IO.FileInfo).AssemblyQualifiedName!;

        var error = Assert.Throws<UnknownEventTypeException>(() => serializer.Deserialize(hostile, "{\"fileName\":\"/etc/passwd\"}"));
        Assert.Equal(hostile, error.TypeName);
    }

    [Fact]
    public void Null_payload_is_rejected() =>
        Assert.Throws<JsonException>(() =>
            new EventSerializer(new EventTypeRegistry().Add<TenderPublished>()).Deserialize(typeof(TenderPublished).FullName!, "null"));
}
