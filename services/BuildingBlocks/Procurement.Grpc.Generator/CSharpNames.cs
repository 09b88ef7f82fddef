using System.Text;
using Google.Protobuf.Reflection;

namespace Procurement.Grpc.Generator;

/// <summary>
/// The names protoc's C# generator gives to files, namespaces and types, so that generated
/// services refer to the message classes it wrote.
/// </summary>
public static class CSharpNames
{
    /// <summary>protoc's rule: a non-alphanumeric character starts a new word; digits end one.</summary>
    public static string ToPascalCase(string input)
    {
        var result = new StringBuilder(input.Length);
        var capitalizeNext = true;
        foreach (var c in input)
        {
            if (char.IsAsciiLetterLower(c))
            {
                result.Append(capitalizeNext ? char.ToUpperInvariant(c) : c);
                capitalizeNext = false;
            }
            else if (char.IsAsciiLetterUpper(c))
            {
                result.Append(c);
                capitalizeNext = false;
            }
            else if (char.IsAsciiDigit(c))
            {
                result.Append(c);
                capitalizeNext = true;
            }
            else
            {
                capitalizeNext = true;
            }
        }
        return result.ToString();
    }

    /// <summary>The base of the file name protoc's C# generator writes for a proto file ("test.proto" → "Test").</summary>
    public static string FileNameBase(FileDescriptorProto file)
    {
        var name = file.Name;
        var slash = name.LastIndexOf('/');
        if (slash >= 0) name = name[(slash + 1)..];
        if (name.EndsWith(".proto", StringComparison.Ordinal)) name = name[..^".proto".Length];
        return ToPascalCase(name);
    }

    public static string Namespace(FileDescriptorProto file)
    {
        if (file.Options is { HasCsharpNamespace: true }) return file.Options.CsharpNamespace;
        return string.Join('.', file.Package.Split('.', StringSplitOptions.RemoveEmptyEntries).Select(ToPascalCase));
    }

    public static string ReflectionClass(FileDescriptorProto file) =>
        Qualify(Namespace(file), FileNameBase(file) + "Reflection");

    public static string Qualify(string ns, string name) =>
        ns.Length == 0 ? "global::" + name : "global::" + ns + "." + name;

    /// <summary>Maps every message's proto full name (".pkg.Outer.Inner") to its C# type name.</summary>
    public static Dictionary<string, string> MessageTypes(IEnumerable<FileDescriptorProto> files)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var protoPrefix = file.Package.Length == 0 ? "." : "." + file.Package + ".";
            var ns = Namespace(file);
            foreach (var message in file.MessageType)
                AddMessage(map, message, protoPrefix, Qualify(ns, message.Name));
        }
        return map;
    }

    private static void AddMessage(Dictionary<string, string> map, DescriptorProto message, string protoPrefix, string csharpName)
    {
        var protoName = protoPrefix + message.Name;
        map[protoName] = csharpName;
        foreach (var nested in message.NestedType)
        {
            // Map entries are not classes of their own.
            if (nested.Options is { MapEntry: true }) continue;
            AddMessage(map, nested, protoName + ".", csharpName + ".Types." + nested.Name);
        }
    }
}
