using Grpc.Core;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Procurement.Contracts.Common.V1;

namespace Procurement.Web.Forms;

/// <summary>
/// A page with a form: its problems for the error summary and beside each field (GOV.UK's error pattern), and the
/// request id that makes posting the form twice (a double click, a retry after a lost answer) do the change once: it
/// is created when the form is shown and sent as the call's idempotency-key (decision 0026).
/// </summary>
public abstract class PortalPage : PageModel
{
    private readonly List<FormError> _errors = [];

    public IReadOnlyList<FormError> Errors => _errors;

    [BindProperty]
    public string RequestId { get; set; } = "";

    public string? ErrorFor(string fieldId) => _errors.FirstOrDefault(e => e.FieldId == fieldId)?.Message;

    protected void AddError(string? fieldId, string message) => _errors.Add(new FormError(fieldId, message));

    protected void NewRequestId() => RequestId = Guid.NewGuid().ToString();

    /// <summary>The call options of the form's change: its idempotency key (a fresh one if the post carried none that is valid).</summary>
    protected CallOptions ChangeOptions()
    {
        if (!Guid.TryParse(RequestId, out _)) NewRequestId();
        return new CallOptions(new Metadata { { "idempotency-key", RequestId } }, cancellationToken: HttpContext.RequestAborted);
    }

    /// <summary>A deadline typed without a time is at 5pm UK time.</summary>
    public const string DefaultDeadlineTime = "17:00";

    /// <summary>
    /// A deadline from GOV.UK's date input and a time (UK time; 5pm when no time is given), or null with the problem
    /// added against <c>{id}-day</c>, where the error summary's link lands.
    /// </summary>
    protected DateTimeOffset? ReadDeadline(UkDate date, string id, string what)
    {
        if (string.IsNullOrWhiteSpace(date.Time)) date.Time = DefaultDeadlineTime;
        if (date.IsBlank) AddError($"{id}-day", $"Enter the {what}");
        else if (date.Date is null) AddError($"{id}-day", $"The {what} must be a real date, for example 14 10 2022");
        else if (date.TimeOfDay is null) AddError($"{id}-day", $"The {what}'s time must be a time of day, for example 17:00 or 5pm");
        return Errors.Any(e => e.FieldId == $"{id}-day") ? null : date.Instant;
    }

    /// <summary>
    /// The call options of one of several changes the form makes (one per <paramref name="part"/>): each gets its own
    /// key, derived from the form's, so that posting the form again repeats none of them.
    /// </summary>
    protected CallOptions ChangeOptions(string part)
    {
        if (!Guid.TryParse(RequestId, out _)) NewRequestId();
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(RequestId + "\n" + part));
        var key = new Guid(hash.AsSpan(0, 16)).ToString();
        return new CallOptions(new Metadata { { "idempotency-key", key } }, cancellationToken: HttpContext.RequestAborted);
    }

    /// <summary>
    /// A refusal a person can act on becomes the form's errors: each field violation against its field (the service's
    /// field path mapped to the form's field id and label), anything else as a problem with the form. True when it was
    /// such a refusal; other statuses are left to <see cref="Gateway.CallFailures"/>.
    /// </summary>
    protected bool ShowRefusal(RpcException refusal, IReadOnlyDictionary<string, (string Id, string Label)> fields)
    {
        if (refusal.StatusCode is not (Grpc.Core.StatusCode.InvalidArgument or Grpc.Core.StatusCode.FailedPrecondition or Grpc.Core.StatusCode.AlreadyExists or Grpc.Core.StatusCode.OutOfRange))
            return false;
        var violations = FieldViolations.Of(refusal);
        foreach (var violation in violations)
        {
            if (fields.TryGetValue(violation.Field, out var field)) AddError(field.Id, $"{field.Label} {violation.Description}");
            else AddError(null, violation.Description);
        }
        if (violations.Count == 0) AddError(null, refusal.Status.Detail);
        return true;
    }
}
