using System.Text.Json;
using System.Text.Json.Serialization;

namespace Procurement.Awards.Persistence;

/// <summary>The JSON form of the stored documents: camelCase, enums by name (readable in psql).</summary>
internal static class AwardJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Read<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new InvalidOperationException($"Stored {typeof(T).Name} is null.");
}
