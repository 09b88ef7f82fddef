using System.CommandLine;
using Procurement.Cli.Profiles;
using Procurement.Identity;
using static Procurement.Cli.Commands.Kit;

namespace Procurement.Cli.Commands;

/// <summary>login, logout, whoami, profiles: the identities a script acts as.</summary>
internal static class LoginCommands
{
    public static Command Login(Globals globals)
    {
        var profile = Arg("profile", "A name for this identity, used with --as (e.g. kent-officer).");
        var token = Optional("--token", "A token issued by the identity provider; stored and sent as it is.");
        var development = Flag("--development",
            "Sign tokens with the PUBLIC development key (local suites only; also allowed when ASPNETCORE_ENVIRONMENT=Development).");
        var sub = Optional("--sub", "Development: the person id (token subject), e.g. p-ola.");
        var name = Optional("--name", "Development: the person's name.");
        var org = Optional("--org", "Development: the organisation id, e.g. 7f-commercial, kent-opcc, victim-support.");
        var commissioner = Optional("--commissioner", "Development: the commissioner the person acts for (kent, essex).");
        var roles = Many("--role", $"Development: a role (repeat for several): {string.Join(", ", RoleNames.All.Order(StringComparer.Ordinal))}.");
        var command = Command("login", "Store an identity as a named profile and make it current: a real token (--token) or a development persona.",
            profile, token, development, sub, name, org, commissioner, roles);
        command.SetAction(parse =>
        {
            var printer = globals.PrinterFor(parse);
            var profileName = parse.GetValue(profile)!;
            Profile stored;
            if (parse.GetValue(token) is { } jwt)
            {
                stored = Profile.FromToken(profileName, jwt.Trim());
            }
            else
            {
                if (!parse.GetValue(development) && !globals.Environment.IsDevelopment)
                    throw CliException.Usage(
                        "Without --token, login signs development tokens with the PUBLIC development key, which only a local suite trusts: " +
                        "pass --development to confirm (or set ASPNETCORE_ENVIRONMENT=Development). For a real suite, use --token <jwt>.");
                var missing = new[] { ("--sub", parse.GetValue(sub)), ("--name", parse.GetValue(name)), ("--org", parse.GetValue(org)) }
                    .Where(p => string.IsNullOrWhiteSpace(p.Item2)).Select(p => p.Item1).ToList();
                var roleNames = parse.GetValue(roles) ?? [];
                if (roleNames.Length == 0) missing.Add("--role");
                if (missing.Count > 0) throw CliException.Usage($"A development login needs {string.Join(", ", missing)}.");
                var parsedRoles = new HashSet<Role>();
                foreach (var role in roleNames)
                    parsedRoles.Add(RoleNames.TryParse(role, out var parsed)
                        ? parsed
                        : throw CliException.Usage($"'{role}' is not a role; the roles are {string.Join(", ", RoleNames.All.Order(StringComparer.Ordinal))}."));
                stored = Profile.Development(profileName,
                    new Caller(parse.GetValue(sub)!, parse.GetValue(name)!, parse.GetValue(org)!, parse.GetValue(commissioner), parsedRoles));
            }
            globals.Store.Update(state =>
            {
                state.Profiles[profileName] = stored;
                state.Current = profileName;
            });
            if (printer.Mode == Output.OutputMode.Quiet) printer.Raw(profileName);
            else printer.Line($"Logged in as '{profileName}': {stored.Describe()}{(stored.IsDevelopment ? " [development tokens]" : "")}.");
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command Logout(Globals globals)
    {
        var profile = new Argument<string?>("profile") { Description = "The profile to forget (default: the current one).", Arity = ArgumentArity.ZeroOrOne };
        var all = Flag("--all", "Forget every profile.");
        var command = Command("logout", "Forget a stored profile (its token goes with it).", profile, all);
        command.SetAction(parse =>
        {
            var printer = globals.PrinterFor(parse);
            var removed = new List<string>();
            globals.Store.Update(state =>
            {
                if (parse.GetValue(all))
                {
                    removed.AddRange(state.Profiles.Keys);
                    state.Profiles.Clear();
                    state.Current = null;
                    return;
                }
                var name = parse.GetValue(profile) ?? parse.GetValue(globals.As) ?? state.Current
                    ?? throw new CliException(ExitCodes.NotSignedIn, "Not signed in: there is no profile to log out.");
                if (!state.Profiles.Remove(name)) throw new CliException(ExitCodes.NotSignedIn, $"No profile '{name}'.");
                removed.Add(name);
                if (state.Current == name) state.Current = null;
            });
            printer.Line(removed.Count == 0 ? "No profiles." : $"Logged out: {string.Join(", ", removed)}.");
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command WhoAmI(Globals globals) =>
        Command("whoami", "Who the profile in use is: person, organisation, commissioner, roles, token kind.")
            .Runs(globals, (_, session) =>
            {
                var profile = session.Profile;
                var printer = session.Printer;
                if (printer.Mode == Output.OutputMode.Quiet)
                {
                    printer.Raw(profile.PersonId ?? "");
                    return Task.CompletedTask;
                }
                printer.Facts([
                    ("profile", profile.Name), ("person", profile.PersonId), ("name", profile.PersonName), ("organisation", profile.Organisation),
                    ("commissioner", profile.Commissioner), ("roles", string.Join(", ", profile.Roles)),
                    ("tokens", profile.IsDevelopment
                        ? "development (signed by the CLI with the public development key, per call)"
                        : profile.TokenExpires is { } expires ? $"stored token, expires {expires:u}" : "stored token"),
                    ("gateway", session.Gateway.ToString()),
                ]);
                return Task.CompletedTask;
            });

    public static Command Profiles(Globals globals)
    {
        var command = Command("profiles", "List the stored profiles (the current one marked *).");
        command.SetAction(parse =>
        {
            var printer = globals.PrinterFor(parse);
            var state = globals.Store.Load();
            if (printer.Mode != Output.OutputMode.Human)
            {
                foreach (var name in state.Profiles.Keys.Order(StringComparer.Ordinal)) printer.Raw(name);
                return ExitCodes.Ok;
            }
            if (state.Profiles.Count == 0)
            {
                printer.Line("No profiles: run `procurement login`.");
                return ExitCodes.Ok;
            }
            printer.Table(["", "profile", "person", "organisation", "commissioner", "roles", "tokens"],
                state.Profiles.Values.OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => new[]
                {
                    p.Name == state.Current ? "*" : "", p.Name, $"{p.PersonName} ({p.PersonId})", p.Organisation, p.Commissioner,
                    string.Join(", ", p.Roles), p.IsDevelopment ? "development" : "token",
                }));
            return ExitCodes.Ok;
        });
        return command;
    }
}
