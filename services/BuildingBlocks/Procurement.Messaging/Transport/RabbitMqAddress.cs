using Microsoft.Extensions.Configuration;

namespace Procurement.Messaging.Transport;

/// <summary>Where a service finds its broker, first match wins.</summary>
public static class RabbitMqAddress
{
    public const string ConfigurationKey = "Messaging:RabbitMq";
    public const string ConnectionStringName = "rabbitmq";
    public const string EnvironmentVariable = "PROCUREMENT_RABBITMQ";

    public static Uri? From(IConfiguration? configuration)
    {
        var value = configuration?[ConfigurationKey]
                    ?? configuration?.GetConnectionString(ConnectionStringName)
                    ?? configuration?[EnvironmentVariable]
                    ?? Environment.GetEnvironmentVariable(EnvironmentVariable);
        return string.IsNullOrWhiteSpace(value) ? null : new Uri(value);
    }
}
