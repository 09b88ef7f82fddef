using System.Globalization;
using Procurement.Identity;

namespace Procurement.Gateway.Tokens;

/// <summary>
/// DEVELOPMENT ONLY: `issue-token --sub p-ola --name "Ola Officer" --org 7f-commercial --role procurement_officer
/// [--role …] [--commissioner kent] [--hours 8]` prints a JWT signed with the public development key.
/// It runs only in the Development environment (what `dotnet run` sets from launchSettings.json) or with
/// `--development`, and says on stderr what the token is; stdout carries the token alone, for `$(…)`.
/// Only a gateway or service that trusts the development key accepts it: never production.
/// </summary>
public static class IssueTokenCommand
{
    public const int MaxHours = 24;

    private const string Usage =
        "usage: issue-token --sub <person id> --name <name> --org <organisation> --role <role> [--role <role> …] " +
        "[--commissioner <kent|essex|…>] [--hours <1-24, default 8>] [--development]";

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, string? environmentName = null, TimeProvider? clock = null)
    {
        environmentName ??= Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT")
            ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? "Production";

        if (!TryParse(args, out var request, out var error))
        {
            stderr.WriteLine(error);
            stderr.WriteLine(Usage);
            return 2;
        }
        if (!request.Development && !string.Equals(environmentName, "Development", StringComparison.OrdinalIgnoreCase))
        {
            stderr.WriteLine(
                $"issue-token signs with the PUBLIC development key and refuses to run in the '{environmentName}' environment. " +
                "Run it with ASPNETCORE_ENVIRONMENT=Development (dotnet run does) or pass --development, and only against " +
                "a gateway that trusts the development key (Identity:AllowDevelopmentKey=true or Development).");
            return 3;
        }

        var now = (clock ?? TimeProvider.System).GetUtcNow();
        var lifetime = TimeSpan.FromHours(request.Hours);
        stdout.WriteLine(DevelopmentTokens.Issue(request.Caller, lifetime, clock));
        stderr.WriteLine(
            $"DEVELOPMENT-ONLY token for {request.Caller.PersonId} ({string.Join(", ", request.Caller.Roles.Select(r => r.ToName()))}), " +
            $"signed with the public development key, valid until {(now + lifetime).ToString("u", CultureInfo.InvariantCulture)}. " +
            "Send it as 'authorization: Bearer <token>'. Production refuses it.");
        return 0;
    }

    private sealed record Request(Caller Caller, double Hours, bool Development);

    private static bool TryParse(string[] args, out Request request, out string error)
    {
        request = null!;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var roles = new HashSet<Role>();
        var development = false;
        for (var i = 0; i < args.Length; i++)
        {
            var option = args[i];
            if (option == "--development")
            {
                development = true;
                continue;
            }
            if (option is not ("--sub" or "--name" or "--org" or "--role" or "--commissioner" or "--hours"))
            {
                error = $"Unknown argument '{option}'.";
                return false;
            }
            if (i + 1 >= args.Length)
            {
                error = $"{option} needs a value.";
                return false;
            }
            var value = args[++i];
            if (option == "--role")
            {
                if (!RoleNames.TryParse(value, out var role))
                {
                    error = $"'{value}' is not a role; the roles are {string.Join(", ", RoleNames.All.Order(StringComparer.Ordinal))}.";
                    return false;
                }
                roles.Add(role);
            }
            else
            {
                values[option] = value;
            }
        }

        foreach (var required in new[] { "--sub", "--name", "--org" })
        {
            if (!values.TryGetValue(required, out var value) || string.IsNullOrWhiteSpace(value))
            {
                error = $"{required} is required.";
                return false;
            }
        }
        if (roles.Count == 0)
        {
            error = "At least one --role is required.";
            return false;
        }
        var hours = 8.0;
        if (values.TryGetValue("--hours", out var hoursText)
            && (!double.TryParse(hoursText, NumberStyles.Float, CultureInfo.InvariantCulture, out hours) || hours <= 0 || hours > MaxHours))
        {
            error = $"--hours must be a number of hours above 0 and at most {MaxHours}.";
            return false;
        }

        request = new Request(
            new Caller(values["--sub"], values["--name"], values["--org"], values.GetValueOrDefault("--commissioner"), roles),
            hours, development);
        error = "";
        return true;
    }
}
