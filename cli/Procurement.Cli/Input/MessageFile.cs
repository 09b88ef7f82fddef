using System.Globalization;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Procurement.Cli.Input;

/// <summary>
/// Reads a request from a YAML or JSON file whose format IS the proto JSON mapping of the message (field names in
/// lowerCamelCase or as in the .proto, enums by name, timestamps in RFC 3339, int64 as numbers or strings).
/// JSON is read as YAML (it is a subset), so both get the same checks: an unknown field, a wrong type or an
/// unknown enum value is reported with the file, line and field path, before Google.Protobuf's JsonParser builds
/// the message. Enum values may drop their prefix: "PCR_2015" or "pcr_2015" for REGIME_PCR_2015.
/// </summary>
public static class MessageFile
{
    public static T Read<T>(string path, MessageParser<T> parser, MessageDescriptor descriptor) where T : IMessage<T>
    {
        if (!File.Exists(path)) throw CliException.Usage($"{path}: no such file.");
        return Parse(File.ReadAllText(path), path, parser, descriptor);
    }

    public static T Parse<T>(string text, string source, MessageParser<T> parser, MessageDescriptor descriptor) where T : IMessage<T>
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            throw CliException.Usage($"{source}:{ex.Start.Line}:{ex.Start.Column}: not valid YAML or JSON: {Inner(ex).Message}");
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet 16.3 throws this, without a position, for a flow collection left open at the end of the file.
            throw CliException.Usage($"{source}: not valid YAML or JSON: it ends inside an unclosed [ ] or {{ }}.");
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw CliException.Usage($"{source}: expected a mapping of the fields of {descriptor.Name} at the top.");

        var json = new Converter(source).Message(root, descriptor, "");
        try
        {
            return parser.ParseJson(json.ToJsonString());
        }
        catch (Exception ex) when (ex is InvalidProtocolBufferException or InvalidJsonException or FormatException)
        {
            throw CliException.Usage($"{source}: {ex.Message}");
        }
    }

    private static Exception Inner(Exception ex) => ex.InnerException is { } inner ? Inner(inner) : ex;

    private sealed class Converter(string source)
    {
        public JsonObject Message(YamlMappingNode node, MessageDescriptor descriptor, string path)
        {
            var result = new JsonObject();
            foreach (var (keyNode, valueNode) in node.Children)
            {
                var key = ((YamlScalarNode)keyNode).Value ?? "";
                var field = descriptor.Fields.InDeclarationOrder().FirstOrDefault(f => f.JsonName == key || f.Name == key)
                    ?? throw Error(keyNode, Join(path, key),
                        $"{descriptor.Name} has no field '{key}'; its fields are {string.Join(", ", descriptor.Fields.InDeclarationOrder().Select(f => f.JsonName))}");
                var fieldPath = Join(path, field.JsonName);
                if (valueNode is YamlScalarNode { Style: ScalarStyle.Plain, Value: "" or "~" or "null" })
                    continue;
                result[field.JsonName] = field.IsRepeated && !field.IsMap
                    ? List(valueNode, field, fieldPath)
                    : Value(valueNode, field, fieldPath);
            }
            return result;
        }

        private JsonArray List(YamlNode node, FieldDescriptor field, string path)
        {
            if (node is not YamlSequenceNode sequence) throw Error(node, path, "expected a list");
            var array = new JsonArray();
            var index = 0;
            foreach (var item in sequence.Children) array.Add(Value(item, field, $"{path}[{index++}]"));
            return array;
        }

        private JsonNode Value(YamlNode node, FieldDescriptor field, string path)
        {
            if (field.FieldType == FieldType.Message)
            {
                var type = field.MessageType;
                if (type.FullName is "google.protobuf.Timestamp") return Timestamp(node, path);
                if (type.FullName is "google.protobuf.Duration") return JsonValue.Create(Scalar(node, path, "a duration such as \"3600s\""));
                if (node is not YamlMappingNode mapping) throw Error(node, path, $"expected the fields of {type.Name}");
                return Message(mapping, type, path);
            }
            var text = Scalar(node, path, ExpectedOf(field));
            var plain = ((YamlScalarNode)node).Style == ScalarStyle.Plain;
            switch (field.FieldType)
            {
                case FieldType.Bool:
                    return bool.TryParse(text, out var flag) && plain ? JsonValue.Create(flag) : throw Error(node, path, $"expected true or false, not '{text}'");
                case FieldType.String:
                    return JsonValue.Create(text);
                case FieldType.Enum:
                    return JsonValue.Create(EnumName(node, field.EnumType, text, path));
                case FieldType.Double or FieldType.Float:
                    return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real)
                        ? JsonValue.Create(real) : throw Error(node, path, $"expected a number, not '{text}'");
                case FieldType.Bytes:
                    return JsonValue.Create(text);
                default:
                    var digits = text.Replace("_", "", StringComparison.Ordinal);
                    if (!long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
                        throw Error(node, path, $"expected a whole number, not '{text}'");
                    if (field.FieldType is FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 && whole is > int.MaxValue or < int.MinValue)
                        throw Error(node, path, $"{text} is too large for a 32-bit number");
                    return field.FieldType is FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 or FieldType.UInt64 or FieldType.Fixed64
                        ? JsonValue.Create(whole.ToString(CultureInfo.InvariantCulture))
                        : JsonValue.Create(whole);
            }
        }

        private JsonNode Timestamp(YamlNode node, string path)
        {
            var text = Scalar(node, path, "an RFC 3339 instant such as 2022-10-31T12:00:00Z");
            if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
                throw Error(node, path, $"expected an RFC 3339 instant such as 2022-10-31T12:00:00Z, not '{text}'");
            return JsonValue.Create(at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
        }

        private string EnumName(YamlNode node, EnumDescriptor type, string text, string path)
        {
            var values = type.Values.Where(v => v.Number != 0).ToList();
            var prefix = type.Values[0].Name[..^"UNSPECIFIED".Length];
            var match = values.FirstOrDefault(v => string.Equals(v.Name, text, StringComparison.OrdinalIgnoreCase)
                                                   || string.Equals(v.Name, prefix + text, StringComparison.OrdinalIgnoreCase));
            return match?.Name ?? throw Error(node, path,
                $"'{text}' is not a {type.Name}; use one of {string.Join(", ", values.Select(v => v.Name[prefix.Length..].ToLowerInvariant()))}");
        }

        private string Scalar(YamlNode node, string path, string expected) =>
            node is YamlScalarNode scalar ? scalar.Value ?? "" : throw Error(node, path, $"expected {expected}");

        private static string ExpectedOf(FieldDescriptor field) => field.FieldType switch
        {
            FieldType.Bool => "true or false",
            FieldType.String => "text",
            FieldType.Enum => "a name",
            _ => "a number",
        };

        private CliException Error(YamlNode node, string path, string message) =>
            CliException.Usage($"{source}:{node.Start.Line}: {path}: {message}.");

        private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";
    }
}
