using System.Text.Json;
using System.Text.Json.Serialization;

namespace Procurement.Cli.Profiles;

/// <summary>
/// profiles.json in the CLI's home (PROCUREMENT_HOME or ~/.procurement), readable by its owner only (0600): the
/// profiles, which one is current, and how far each gateway's suite clock runs ahead of this machine's.
/// </summary>
public sealed class ProfileStore(string home)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string Home { get; } = home;
    public string FilePath => Path.Combine(Home, "profiles.json");

    public sealed class State
    {
        public string? Current { get; set; }
        public Dictionary<string, Profile> Profiles { get; set; } = new(StringComparer.Ordinal);
        /// <summary>Gateway address → seconds the suite's business clock runs ahead of this machine's (development clock control).</summary>
        public Dictionary<string, double> ClockOffsets { get; set; } = new(StringComparer.Ordinal);
    }

    public State Load()
    {
        if (!File.Exists(FilePath)) return new State();
        try
        {
            return JsonSerializer.Deserialize<State>(File.ReadAllText(FilePath), Json) ?? new State();
        }
        catch (JsonException ex)
        {
            throw CliException.Usage($"{FilePath} is not a profiles file the CLI wrote ({ex.Message}); remove it and log in again.");
        }
    }

    public void Save(State state)
    {
        Directory.CreateDirectory(Home);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(Home, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        // Written beside and moved over, so that a reader never sees half a file, and created 0600 before the tokens go in.
        var temporary = FilePath + $".{Environment.ProcessId}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(temporary, options))
        {
            JsonSerializer.Serialize(stream, state, Json);
        }
        File.Move(temporary, FilePath, overwrite: true);
    }

    public void Update(Action<State> change)
    {
        var state = Load();
        change(state);
        Save(state);
    }
}
