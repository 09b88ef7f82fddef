using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Procurement.Grpc.Reflection;

/// <summary>The files and symbols of every mapped service, for answering reflection requests.</summary>
internal sealed class ReflectionIndex
{
    private readonly Dictionary<string, FileDescriptor> _filesByName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FileDescriptor> _filesBySymbol = new(StringComparer.Ordinal);

    public ReflectionIndex(IEnumerable<ServiceDescriptor> services)
    {
        ServiceNames = services.Select(s => s.FullName).Order(StringComparer.Ordinal).ToArray();
        foreach (var service in services) AddFile(service.File);
    }

    public IReadOnlyList<string> ServiceNames { get; }

    public FileDescriptor? FindFile(string name) => _filesByName.GetValueOrDefault(name);

    /// <summary>A service, method, message, field, enum or enum value by its fully-qualified name.</summary>
    public FileDescriptor? FindFileContainingSymbol(string symbol) => _filesBySymbol.GetValueOrDefault(symbol);

    /// <summary>The file followed by all it depends on, each once.</summary>
    public static IReadOnlyList<ByteString> WithDependencies(FileDescriptor file)
    {
        var result = new List<ByteString>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        Visit(file);
        return result;

        void Visit(FileDescriptor f)
        {
            if (!seen.Add(f.Name)) return;
            result.Add(f.SerializedData);
            foreach (var dependency in f.Dependencies) Visit(dependency);
        }
    }

    private void AddFile(FileDescriptor file)
    {
        if (!_filesByName.TryAdd(file.Name, file)) return;
        foreach (var service in file.Services)
        {
            _filesBySymbol[service.FullName] = file;
            foreach (var method in service.Methods) _filesBySymbol[method.FullName] = file;
        }
        foreach (var message in file.MessageTypes) AddMessage(message, file);
        foreach (var enumType in file.EnumTypes) AddEnum(enumType, file);
        foreach (var dependency in file.Dependencies) AddFile(dependency);
    }

    private void AddMessage(MessageDescriptor message, FileDescriptor file)
    {
        _filesBySymbol[message.FullName] = file;
        foreach (var field in message.Fields.InDeclarationOrder()) _filesBySymbol[field.FullName] = file;
        foreach (var nested in message.NestedTypes) AddMessage(nested, file);
        foreach (var enumType in message.EnumTypes) AddEnum(enumType, file);
    }

    private void AddEnum(EnumDescriptor enumType, FileDescriptor file)
    {
        _filesBySymbol[enumType.FullName] = file;
        // Enum values are scoped beside their enum, as in C++: "pkg.Message.VALUE".
        var lastDot = enumType.FullName.LastIndexOf('.');
        var scope = lastDot < 0 ? "" : enumType.FullName[..(lastDot + 1)];
        foreach (var value in enumType.Values) _filesBySymbol[scope + value.Name] = file;
    }
}
