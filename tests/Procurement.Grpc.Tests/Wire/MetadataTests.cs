using Microsoft.AspNetCore.Http;

namespace Procurement.Grpc.Tests.Wire;

public class MetadataTests
{
    [Fact]
    public void Upper_case_keys_are_normalised_to_lower_case()
    {
        var metadata = new Metadata().Add("X-Request-ID", "abc").Add("Trace-Bin", [1, 2]);

        Assert.Equal("x-request-id", metadata[0].Key);
        Assert.Equal("trace-bin", metadata[1].Key);
        Assert.Equal("abc", metadata.GetValue("X-REQUEST-ID"));
        Assert.Equal([1, 2], metadata.GetValueBytes("TRACE-BIN"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("colon:")]
    [InlineData(":authority")]
    [InlineData("slash/")]
    [InlineData("café")]
    [InlineData("tab\t")]
    public void Keys_with_invalid_characters_are_rejected(string key)
    {
        Assert.ThrowsAny<ArgumentException>(() => new Metadata().Add(key, "v"));
    }

    [Theory]
    [InlineData("a")]
    [InlineData("0-9_a.z")]
    [InlineData("x-custom")]
    public void Keys_of_digits_lower_letters_underscore_dot_and_dash_are_accepted(string key)
    {
        Assert.Equal(key, new Metadata().Add(key, "v")[0].Key);
    }

    [Theory]
    [InlineData("grpc-status")]
    [InlineData("grpc-custom")]
    [InlineData("GRPC-Timeout")]
    public void Keys_starting_with_grpc_are_reserved(string key)
    {
        Assert.Throws<ArgumentException>(() => new Metadata().Add(key, "v"));
    }

    [Fact]
    public void Binary_keys_take_bytes_and_text_keys_take_text()
    {
        Assert.Throws<ArgumentException>(() => new Metadata().Add("data-bin", "text"));
        Assert.Throws<ArgumentException>(() => new Metadata().Add("data", [1, 2, 3]));
        Assert.Throws<InvalidOperationException>(() => new Metadata().Add("data-bin", [1])[0].Value);
        Assert.Throws<InvalidOperationException>(() => new Metadata().Add("data", "t")[0].ValueBytes);
    }

    [Theory]
    [InlineData("line\nbreak")]
    [InlineData("tab\there")]
    [InlineData("nul\0")]
    [InlineData("del\u007f")]
    [InlineData("café")]
    public void Text_values_must_be_printable_ascii(string value)
    {
        Assert.Throws<ArgumentException>(() => new Metadata().Add("x-text", value));
    }

    [Fact]
    public void Text_values_may_contain_spaces_and_any_printable_ascii()
    {
        const string value = " ~!@#$%^&*()_+{}|:\"<>? ";
        Assert.Equal(value, new Metadata().Add("x-text", value).GetValue("x-text"));
    }

    [Theory]
    [InlineData("grpc-status")]
    [InlineData("grpc-message")]
    [InlineData("grpc-timeout")]
    [InlineData("Grpc-Encoding")]
    [InlineData("content-type")]
    [InlineData("Content-Type")]
    [InlineData("te")]
    [InlineData(":path")]
    [InlineData(":authority")]
    [InlineData("host")]
    public void Protocol_headers_are_reserved(string header)
    {
        Assert.True(MetadataHeaders.IsReserved(header));
    }

    [Theory]
    [InlineData("x-custom")]
    [InlineData("authorization")]
    [InlineData("trace-bin")]
    [InlineData("grpcx")]
    public void Application_headers_are_not_reserved(string header)
    {
        Assert.False(MetadataHeaders.IsReserved(header));
    }

    [Fact]
    public void Request_headers_surface_as_metadata_without_the_reserved_ones()
    {
        var headers = new HeaderDictionary
        {
            ["content-type"] = "application/grpc",
            ["te"] = "trailers",
            ["grpc-timeout"] = "1S",
            ["grpc-accept-encoding"] = "gzip",
            [":path"] = "/pkg.Svc/M",
            ["x-custom"] = "value",
        };

        var metadata = MetadataHeaders.FromRequestHeaders(headers);

        var entry = Assert.Single(metadata);
        Assert.Equal("x-custom: value", entry.ToString());
    }

    [Fact]
    public void Response_headers_surface_as_metadata_without_the_reserved_ones()
    {
        using var response = new HttpResponseMessage();
        response.Headers.TryAddWithoutValidation("grpc-status", "0");
        response.Headers.TryAddWithoutValidation("grpc-message", "ok");
        response.Headers.TryAddWithoutValidation("x-a", "1");
        response.TrailingHeaders.TryAddWithoutValidation("x-b-bin", "AQI");

        var headers = MetadataHeaders.FromHttpHeaders(response.Headers);
        var trailers = MetadataHeaders.FromHttpHeaders(response.TrailingHeaders);

        Assert.Equal(["x-a", "x-b-bin"], headers.Concat(trailers).Select(e => e.Key));
        Assert.Equal([1, 2], trailers.GetValueBytes("x-b-bin"));
    }

    [Theory]
    [InlineData(new byte[] { 1 }, "AQ")]
    [InlineData(new byte[] { 1, 2 }, "AQI")]
    [InlineData(new byte[] { 1, 2, 3 }, "AQID")]
    [InlineData(new byte[] { 0xFB, 0xFF }, "+/8")]
    public void Binary_values_are_sent_as_unpadded_base64(byte[] value, string expected)
    {
        var headers = new HeaderDictionary();
        MetadataHeaders.WriteTo(new Metadata().Add("data-bin", value), headers);

        Assert.Equal(expected, headers["data-bin"].ToString());
    }

    [Theory]
    [InlineData("AQI")]
    [InlineData("AQI=")]
    [InlineData(" AQI= ")]
    public void Binary_values_decode_padded_or_unpadded(string wire)
    {
        Assert.Equal([1, 2], MetadataHeaders.DecodeBinary(wire));
    }

    [Fact]
    public void Repeated_binary_values_joined_by_commas_are_split()
    {
        var metadata = new Metadata();
        MetadataHeaders.AddFromHeader(metadata, "Data-Bin", "AQ==, AgM,BA");

        Assert.Equal(3, metadata.Count);
        Assert.All(metadata, e => Assert.Equal("data-bin", e.Key));
        Assert.Equal(new byte[][] { [1], [2, 3], [4] }, metadata.GetAll("data-bin").Select(e => e.ValueBytes));
    }

    [Fact]
    public void Text_values_with_commas_stay_whole()
    {
        var metadata = new Metadata();
        MetadataHeaders.AddFromHeader(metadata, "x-list", "a, b,c");

        Assert.Equal("a, b,c", Assert.Single(metadata).Value);
    }

    [Fact]
    public void Repeated_keys_are_written_as_separate_header_values()
    {
        var metadata = new Metadata().Add("x-k", "1").Add("x-k", "2").Add("k-bin", [7]).Add("k-bin", [8]);
        var headers = new HeaderDictionary();
        MetadataHeaders.WriteTo(metadata, headers);

        Assert.Equal(2, headers["x-k"].Count);
        Assert.Equal("1,2", headers["x-k"].ToString());
        Assert.Equal("Bw,CA", headers["k-bin"].ToString());

        using var request = new HttpRequestMessage();
        MetadataHeaders.WriteTo(metadata, request.Headers);
        Assert.Equal(["1", "2"], request.Headers.NonValidated["x-k"]);
    }
}
