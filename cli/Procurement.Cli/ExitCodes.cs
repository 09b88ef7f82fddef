namespace Procurement.Cli;

/// <summary>What `procurement` exits with; `procurement --help` and cli/README.md list the same.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>The service refused the call; the gRPC status and message (and any field violations) are printed.</summary>
    public const int Refused = 1;
    /// <summary>The command line or an input file is wrong.</summary>
    public const int Usage = 2;
    /// <summary>No profile is signed in, or its token expired or was refused (UNAUTHENTICATED).</summary>
    public const int NotSignedIn = 3;
    /// <summary>The gateway (or a service behind it) could not be reached (UNAVAILABLE).</summary>
    public const int Unreachable = 4;
    /// <summary>A --wait ran out of --timeout before what it waited for happened.</summary>
    public const int TimedOut = 5;

    public const string Summary =
        "Exit codes: 0 ok; 1 refused by the service (status and message printed); 2 usage error or bad input file; " +
        "3 not signed in, or token expired/refused; 4 gateway unreachable; 5 a --wait timed out.";
}

/// <summary>A failure the CLI itself detected, with the exit code it maps to.</summary>
public sealed class CliException(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;

    public static CliException Usage(string message) => new(ExitCodes.Usage, message);
}
