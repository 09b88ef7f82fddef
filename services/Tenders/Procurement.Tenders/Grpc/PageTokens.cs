using System.Text;

namespace Procurement.Tenders.Grpc;

/// <summary>Opaque page tokens (an offset into the filtered, ordered list) and page sizes (common.proto: default 50, at most 200).</summary>
internal static class PageTokens
{
    public const int DefaultSize = 50;
    public const int MaximumSize = 200;
    private const string Prefix = "tenders:";

    public static int Size(int requested) => requested switch
    {
        < 0 => throw Refusals.Invalid("page.page_size", $"must not be negative, not {requested}"),
        0 => DefaultSize,
        _ => Math.Min(requested, MaximumSize),
    };

    public static string Next(int offset) => Convert.ToBase64String(Encoding.UTF8.GetBytes(Prefix + offset));

    public static int Offset(string token)
    {
        if (token.Length == 0) return 0;
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            if (text.StartsWith(Prefix, StringComparison.Ordinal) && int.TryParse(text.AsSpan(Prefix.Length), out var offset) && offset >= 0)
                return offset;
        }
        catch (FormatException)
        {
        }
        throw Refusals.Invalid("page.page_token", "is not a token this service issued; pass next_page_token from the previous page");
    }
}
