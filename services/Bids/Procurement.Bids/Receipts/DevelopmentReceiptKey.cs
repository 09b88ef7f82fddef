namespace Procurement.Bids.Receipts;

/// <summary>
/// DEVELOPMENT ONLY. This private key is in source control, so anyone can sign any receipt with it: the bid service
/// signs with it only in the Development environment or with Receipts:AllowDevelopmentKey=true (tests), and publishes it
/// as key "development" there; anywhere else it is neither used nor published (ReceiptKeyOptions).
/// </summary>
internal static class DevelopmentReceiptKey
{
    public const string KeyId = "development";

    public const string PrivateKeyPem = """
        -----BEGIN PRIVATE KEY-----
        MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgW5WIZq5HynFFa+AA
        KnOE2UQZp+ZyRUbAzDP8BATK62qhRANCAATrtPk9d4XZERS04gLS1y2iJwneNMrU
        7vja+AgFVpU7qFLuPgm5wJWY+smW8g7AHE2KL7XxJfCXg9tKbvbN1uvf
        -----END PRIVATE KEY-----
        """;
}
