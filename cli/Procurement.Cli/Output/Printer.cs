using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Procurement.Cli.Output;

/// <summary>
/// Everything the CLI writes. Human output goes through Spectre.Console: tables for lists, key facts for single items,
/// colour and spinners only on a terminal and without --no-color / NO_COLOR. Errors go to the error writer.
/// </summary>
public sealed class Printer
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true));
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private readonly TextWriter _out;
    private readonly TextWriter _error;

    public Printer(TextWriter output, TextWriter error, OutputMode mode, bool color, bool interactive)
    {
        _out = output;
        _error = error;
        Mode = mode;
        Color = color;
        Interactive = interactive;
        Console = Create(output, color, interactive);
        ErrorConsole = Create(error, color, interactive);
    }

    public OutputMode Mode { get; }
    public bool Color { get; }
    public bool Interactive { get; }
    public IAnsiConsole Console { get; }
    public IAnsiConsole ErrorConsole { get; }

    private static IAnsiConsole Create(TextWriter writer, bool color, bool interactive)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = color ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = color ? ColorSystemSupport.Standard : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        // Not a terminal: no width to fit, so keep table rows on one line where possible.
        if (!interactive) console.Profile.Width = 240;
        return console;
    }

    /// <summary>A line of prose (human mode only).</summary>
    public void Line(string text)
    {
        if (Mode == OutputMode.Human) _out.WriteLine(text);
    }

    /// <summary>One item: its id (quiet), its JSON (json), or its key facts.</summary>
    public void Item(IMessage message, string id, params IEnumerable<(string Key, string? Value)> facts)
    {
        switch (Mode)
        {
            case OutputMode.Quiet: _out.WriteLine(id); break;
            case OutputMode.Json: _out.WriteLine(ToJson(message)); break;
            default: Facts(facts); break;
        }
    }

    public void Facts(IEnumerable<(string Key, string? Value)> facts)
    {
        var shown = facts.Where(f => !string.IsNullOrEmpty(f.Value)).ToList();
        var width = shown.Count == 0 ? 0 : shown.Max(f => f.Key.Length) + 1;
        foreach (var (key, value) in shown)
        {
            var label = (key + ":").PadRight(width);
            if (Color) Console.MarkupLine($"[bold]{Markup.Escape(label)}[/] {Markup.Escape(value!)}");
            else _out.WriteLine($"{label} {value}");
        }
    }

    /// <summary>A list: ids one per line (quiet), a JSON array (json), or a table.</summary>
    public void List<T>(IReadOnlyCollection<T> items, Func<T, string> id, string[] headers, Func<T, string?[]> row, string empty)
        where T : IMessage
    {
        switch (Mode)
        {
            case OutputMode.Quiet:
                foreach (var item in items) _out.WriteLine(id(item));
                break;
            case OutputMode.Json:
                _out.WriteLine(new JsonArray([.. items.Select(i => JsonNode.Parse(Formatter.Format(i)))]).ToJsonString(Indented));
                break;
            default:
                if (items.Count == 0)
                {
                    _out.WriteLine(empty);
                    return;
                }
                Table(headers, items.Select(row));
                break;
        }
    }

    public void Table(string[] headers, IEnumerable<string?[]> rows)
    {
        var table = new Table { Border = Color ? TableBorder.Rounded : TableBorder.Ascii };
        foreach (var header in headers) table.AddColumn(new TableColumn(new Text(header)));
        foreach (var row in rows) table.AddRow(row.Select(cell => (IRenderable)new Text(cell ?? "")).ToArray());
        Console.Write(table);
    }

    public static string ToJson(IMessage message) => JsonNode.Parse(Formatter.Format(message))!.ToJsonString(Indented);

    public void Raw(string text) => _out.WriteLine(text);

    public void Error(string text)
    {
        if (Color) ErrorConsole.MarkupLine($"[red]error:[/] {Markup.Escape(text)}");
        else _error.WriteLine("error: " + text);
    }

    public void ErrorDetail(string text) => _error.WriteLine("  " + text);

    public void Note(string text) => _error.WriteLine(text);

    /// <summary>Runs a long step under a spinner on a terminal, or says once what it waits for otherwise (on stderr).</summary>
    public async Task<T> ProgressAsync<T>(string what, Func<Task<T>> step)
    {
        if (Interactive && Color)
            return await ErrorConsole.Status().Spinner(Spinner.Known.Dots).StartAsync(what, _ => step());
        if (Mode == OutputMode.Human) _error.WriteLine(what);
        return await step();
    }
}
