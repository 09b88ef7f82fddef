namespace Procurement.Grpc.Generator;

/// <summary>A problem in the input protos, reported to protoc as the response's error.</summary>
public sealed class GeneratorException(string message) : Exception(message);
