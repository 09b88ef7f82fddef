using System.Reflection;

namespace Procurement.Messaging.Events;

/// <summary>
/// The integration event types a service may write to its outbox, by stable name. Outbox rows are
/// turned back into objects only through this list, never by loading a type name read from the
/// database, so a tampered or stale row cannot make the dispatcher instantiate an arbitrary type.
/// </summary>
public sealed class EventTypeRegistry
{
    private readonly Dictionary<string, Type> _typesByName = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, string> _namesByType = [];

    /// <summary>Registers <typeparamref name="TEvent"/> under <paramref name="name"/> (default: its full name).</summary>
    public EventTypeRegistry Add<TEvent>(string? name = null) where TEvent : class => Add(typeof(TEvent), name);

    public EventTypeRegistry Add(Type eventType, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(eventType);
        if (!eventType.IsClass || eventType.IsAbstract || eventType.ContainsGenericParameters)
            throw new ArgumentException($"{eventType} is not a concrete class or record; integration events must be.", nameof(eventType));
        name ??= eventType.FullName ?? eventType.Name;
        ArgumentException.ThrowIfNullOrWhiteSpace(name);

        if (_typesByName.TryGetValue(name, out var existing) && existing != eventType)
            throw new InvalidOperationException($"Event name '{name}' is already registered for {existing}.");
        if (_namesByType.TryGetValue(eventType, out var existingName) && existingName != name)
            throw new InvalidOperationException($"{eventType} is already registered as '{existingName}'.");

        _typesByName[name] = eventType;
        _namesByType[eventType] = name;
        return this;
    }

    /// <summary>
    /// Registers every public concrete class or record in the namespace of <typeparamref name="TMarker"/>
    /// (in its assembly): the usual shape of a contracts project's events folder.
    /// </summary>
    public EventTypeRegistry AddNamespaceOf<TMarker>()
    {
        var ns = typeof(TMarker).Namespace;
        var types = typeof(TMarker).Assembly.GetExportedTypes()
            .Where(t => t.Namespace == ns && t.IsClass && !t.IsAbstract && !t.ContainsGenericParameters
                        && t.GetCustomAttribute<System.Runtime.CompilerServices.CompilerGeneratedAttribute>() is null);
        foreach (var type in types) Add(type);
        return this;
    }

    public IReadOnlyCollection<Type> Types => _namesByType.Keys;

    /// <summary>The stored name of a registered event type.</summary>
    public string NameOf(Type eventType) =>
        _namesByType.TryGetValue(eventType, out var name)
            ? name
            : throw new InvalidOperationException(
                $"{eventType} is not a registered integration event; register it in AddProcurementMessaging (messaging.Events.Add<{eventType.Name}>()).");

    public bool TryGetType(string name, out Type eventType) => _typesByName.TryGetValue(name, out eventType!);
}
