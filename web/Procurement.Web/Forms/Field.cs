namespace Procurement.Web.Forms;

/// <summary>
/// One text question of a form, drawn by Pages/Shared/_Field.cshtml as GOV.UK's text input or textarea: its label,
/// hint and error message wired to it (aria-describedby), its value kept when the form comes back with errors.
/// </summary>
public sealed record Field(string Id, string Name, string Label, string? Value, string? Error, string? Hint = null, bool Multiline = false,
    string InputClass = "govuk-!-width-two-thirds", string? Prefix = null, string InputMode = "text");
