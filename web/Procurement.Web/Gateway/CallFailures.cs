using Grpc.Core;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Procurement.Web.Gateway;

/// <summary>
/// What a failed call means to a page that did not handle it itself: NOT_FOUND is "page not found" (another
/// commissioner's lot, panel, award or contract looks exactly like one that does not exist), PERMISSION_DENIED
/// "you cannot see this page", UNAUTHENTICATED a new sign-in, UNAVAILABLE or DEADLINE_EXCEEDED "try again later".
/// A field's problem (INVALID_ARGUMENT, FAILED_PRECONDITION) is for the page to show beside the field.
/// </summary>
public sealed class CallFailures(ILogger<CallFailures> logger) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Exception is not RpcException failure || executed.ExceptionHandled) return;
        executed.ExceptionHandled = true;
        executed.Result = failure.StatusCode switch
        {
            StatusCode.Unauthenticated => new ChallengeResult(),
            StatusCode.NotFound => new StatusCodeResult(StatusCodes.Status404NotFound),
            StatusCode.PermissionDenied => new StatusCodeResult(StatusCodes.Status403Forbidden),
            StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.ResourceExhausted => new StatusCodeResult(StatusCodes.Status503ServiceUnavailable),
            _ => new StatusCodeResult(StatusCodes.Status500InternalServerError),
        };
        if (failure.StatusCode is not (StatusCode.NotFound or StatusCode.PermissionDenied or StatusCode.Unauthenticated))
            logger.LogWarning("{Page}: the gateway answered {Status} \"{Detail}\"", context.ActionDescriptor.DisplayName, failure.StatusCode, failure.Status.Detail);
    }
}
