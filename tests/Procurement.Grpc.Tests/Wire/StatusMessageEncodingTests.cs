namespace Procurement.Grpc.Tests.Wire;

public class StatusMessageEncodingTests
{
    private const string InteropSpecialMessage = "\t\ntest with whitespace\r\nand Unicode BMP ☺ and non-BMP 😈\t\n";

    [Theory]
    [InlineData("")]
    [InlineData("Deadline Exceeded")]
    [InlineData(" !\"#$&'()*+,-./0123456789:;<=>?@AZ[\\]^_`az{|}~")]
    public void Printable_ascii_passes_through_unchanged(string message)
    {
        Assert.Same(message, StatusMessageEncoding.Encode(message));
        Assert.Equal(message, StatusMessageEncoding.Decode(message));
    }

    [Fact]
    public void Percent_sign_is_escaped()
    {
        Assert.Equal("100%25 done", StatusMessageEncoding.Encode("100% done"));
        Assert.Equal("100% done", StatusMessageEncoding.Decode("100%25 done"));
    }

    [Theory]
    [InlineData("a\tb", "a%09b")]
    [InlineData("a\nb", "a%0Ab")]
    [InlineData("a\r\nb", "a%0D%0Ab")]
    [InlineData("\0", "%00")]
    [InlineData("\u007f", "%7F")]
    [InlineData("é", "%C3%A9")]
    [InlineData("☺", "%E2%98%BA")]
    [InlineData("😈", "%F0%9F%98%88")]
    public void Control_characters_and_non_ascii_are_percent_encoded_utf8(string message, string expected)
    {
        var encoded = StatusMessageEncoding.Encode(message);

        Assert.Equal(expected, encoded);
        Assert.All(encoded, c => Assert.InRange(c, (char)0x20, (char)0x7E));
    }

    [Theory]
    [InlineData("smile ☺")]
    [InlineData("devil 😈")]
    [InlineData("tab\tnewline\ncarriage\r")]
    [InlineData(InteropSpecialMessage)]
    public void Encoded_messages_round_trip(string message)
    {
        Assert.Equal(message, StatusMessageEncoding.Decode(StatusMessageEncoding.Encode(message)));
    }

    [Fact]
    public void Interop_special_status_message_is_encoded_as_grpc_specifies()
    {
        Assert.Equal(
            "%09%0Atest with whitespace%0D%0Aand Unicode BMP %E2%98%BA and non-BMP %F0%9F%98%88%09%0A",
            StatusMessageEncoding.Encode(InteropSpecialMessage));
    }

    [Fact]
    public void Lowercase_hex_escapes_are_decoded()
    {
        Assert.Equal("é\n", StatusMessageEncoding.Decode("%c3%a9%0a"));
    }

    [Theory]
    [InlineData("%")]
    [InlineData("%4")]
    [InlineData("%zz")]
    [InlineData("100%")]
    [InlineData("50% off")]
    [InlineData("%%41")]
    [InlineData("%G1")]
    public void Malformed_escapes_are_kept_as_they_are(string value)
    {
        var expected = value.Replace("%41", "A", StringComparison.Ordinal);
        Assert.Equal(expected, StatusMessageEncoding.Decode(value));
    }

    [Theory]
    [InlineData(null, "")]
    [InlineData("%FF", "\uFFFD")]
    [InlineData("%C3", "\uFFFD")]
    [InlineData("ok %E2%98 cut", "ok \uFFFD cut")]
    public void Decoding_never_throws(string? value, string expected)
    {
        Assert.Equal(expected, StatusMessageEncoding.Decode(value));
    }
}
