using Google.Protobuf;
using Google.Protobuf.Compiler;
using Procurement.Grpc.Generator;

// protoc sends a CodeGeneratorRequest on stdin and reads a CodeGeneratorResponse from stdout.
using var stdin = Console.OpenStandardInput();
var request = CodeGeneratorRequest.Parser.ParseFrom(stdin);
CodeGeneratorResponse response;
try
{
    response = ServiceCodeGenerator.Generate(request);
}
catch (GeneratorException ex)
{
    response = new CodeGeneratorResponse { Error = ex.Message };
}
using var stdout = Console.OpenStandardOutput();
response.WriteTo(stdout);
