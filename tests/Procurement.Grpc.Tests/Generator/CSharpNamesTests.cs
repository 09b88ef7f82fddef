using Google.Protobuf.Reflection;
using Procurement.Grpc.Generator;
using FileOptions = Google.Protobuf.Reflection.FileOptions;

namespace Procurement.Grpc.Tests.Generator;

public class CSharpNamesTests
{
    [Theory]
    [InlineData("runtime_test", "RuntimeTest")]
    [InlineData("v1alpha", "V1Alpha")]
    [InlineData("foo-bar.baz", "FooBarBaz")]
    [InlineData("test", "Test")]
    [InlineData("HTTPServer", "HTTPServer")]
    [InlineData("already_Pascal", "AlreadyPascal")]
    [InlineData("__leading__trailing__", "LeadingTrailing")]
    [InlineData("a1b2c", "A1B2C")]
    [InlineData("2fa_codes", "2FaCodes")]
    [InlineData("", "")]
    public void ToPascalCase_follows_protoc(string input, string expected)
    {
        Assert.Equal(expected, CSharpNames.ToPascalCase(input));
    }

    [Theory]
    [InlineData("grpc/testing/test.proto", "Test")]
    [InlineData("Protos/runtime_test.proto", "RuntimeTest")]
    [InlineData("reflection.proto", "Reflection")]
    [InlineData("a/b/my-service.v2.proto", "MyServiceV2")]
    public void File_name_base_is_the_pascal_cased_file_name_without_directory_or_extension(string name, string expected)
    {
        Assert.Equal(expected, CSharpNames.FileNameBase(new FileDescriptorProto { Name = name }));
    }

    [Fact]
    public void Namespace_comes_from_csharp_namespace_when_the_option_is_set()
    {
        var file = new FileDescriptorProto { Package = "procurement.testing.v1", Options = new FileOptions { CsharpNamespace = "Procurement.Grpc.Tests.Protos" } };
        Assert.Equal("Procurement.Grpc.Tests.Protos", CSharpNames.Namespace(file));
    }

    [Fact]
    public void An_empty_csharp_namespace_option_means_the_global_namespace()
    {
        var file = new FileDescriptorProto { Package = "some.pkg", Options = new FileOptions { CsharpNamespace = "" } };
        Assert.Equal("", CSharpNames.Namespace(file));
    }

    [Theory]
    [InlineData("grpc.reflection.v1alpha", "Grpc.Reflection.V1Alpha")]
    [InlineData("grpc.health.v1", "Grpc.Health.V1")]
    [InlineData("my_company.order_api", "MyCompany.OrderApi")]
    [InlineData("", "")]
    public void Namespace_otherwise_is_the_pascal_cased_package(string package, string expected)
    {
        Assert.Equal(expected, CSharpNames.Namespace(new FileDescriptorProto { Package = package }));
    }

    [Fact]
    public void The_reflection_class_is_the_file_name_base_plus_Reflection()
    {
        var file = new FileDescriptorProto { Name = "Protos/runtime_test.proto", Options = new FileOptions { CsharpNamespace = "Procurement.Grpc.Tests.Protos" } };

        Assert.Equal("global::Procurement.Grpc.Tests.Protos.RuntimeTestReflection", CSharpNames.ReflectionClass(file));
        Assert.Equal(typeof(Protos.RuntimeTestReflection).FullName, CSharpNames.ReflectionClass(file)["global::".Length..]);
    }

    [Fact]
    public void Nested_messages_are_found_under_Types_and_map_entries_are_skipped()
    {
        var outer = new DescriptorProto { Name = "Outer" };
        var inner = new DescriptorProto { Name = "Inner" };
        inner.NestedType.Add(new DescriptorProto { Name = "Deepest" });
        outer.NestedType.Add(inner);
        outer.NestedType.Add(new DescriptorProto { Name = "LabelsEntry", Options = new MessageOptions { MapEntry = true } });
        var file = new FileDescriptorProto { Name = "shop.proto", Package = "demo.shop" };
        file.MessageType.Add(outer);
        var rootless = new FileDescriptorProto { Name = "plain.proto" };
        rootless.MessageType.Add(new DescriptorProto { Name = "Plain" });

        var map = CSharpNames.MessageTypes([file, rootless]);

        Assert.Equal(new Dictionary<string, string>
        {
            [".demo.shop.Outer"] = "global::Demo.Shop.Outer",
            [".demo.shop.Outer.Inner"] = "global::Demo.Shop.Outer.Types.Inner",
            [".demo.shop.Outer.Inner.Deepest"] = "global::Demo.Shop.Outer.Types.Inner.Types.Deepest",
            [".Plain"] = "global::Plain",
        }, map);
    }

    [Fact]
    public void Every_message_class_protoc_generated_is_named_as_protoc_named_it()
    {
        // grpc/testing/messages.proto has nested messages and map fields.
        var descriptor = global::Grpc.Testing.MessagesReflection.Descriptor;
        var expected = new Dictionary<string, string>();
        foreach (var message in descriptor.MessageTypes) Collect(message);

        var map = CSharpNames.MessageTypes([FileDescriptorProto.Parser.ParseFrom(descriptor.SerializedData)]);

        Assert.Contains(".grpc.testing.LoadBalancerStatsResponse.RpcsByPeer", map.Keys);
        Assert.Equal(expected.OrderBy(e => e.Key), map.OrderBy(e => e.Key));

        void Collect(MessageDescriptor message)
        {
            if (message.ClrType is null) return; // a map entry
            expected["." + message.FullName] = "global::" + message.ClrType.FullName!.Replace('+', '.');
            foreach (var nested in message.NestedTypes) Collect(nested);
        }
    }
}
