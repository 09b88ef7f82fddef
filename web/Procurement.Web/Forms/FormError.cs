namespace Procurement.Web.Forms;

/// <summary>One problem with a form: the id of the field it belongs to (null: the form as a whole) and what to do about it.</summary>
public sealed record FormError(string? FieldId, string Message);
