using Procurement.Cli.Output;
using Procurement.Contracts.Common.V1;
using Procurement.Contracts.Tender.V1;
using Grpc.Core;

namespace Procurement.Cli.Tests;

public sealed class ErrorsAndOutputTests
{
    private static (Printer Printer, StringWriter Out, StringWriter Error) Printer(OutputMode mode = OutputMode.Human)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        return (new Printer(output, error, mode, color: false, interactive: false), output, error);
    }

    [Theory]
    [InlineData(StatusCode.InvalidArgument, ExitCodes.Refused)]
    [InlineData(StatusCode.FailedPrecondition, ExitCodes.Refused)]
    [InlineData(StatusCode.PermissionDenied, ExitCodes.Refused)]
    [InlineData(StatusCode.NotFound, ExitCodes.Refused)]
    [InlineData(StatusCode.Unauthenticated, ExitCodes.NotSignedIn)]
    [InlineData(StatusCode.Unavailable, ExitCodes.Unreachable)]
    public void Each_status_maps_to_its_exit_code(StatusCode status, int exitCode) =>
        Assert.Equal(exitCode, Cli.ExitCodeOf(new RpcException(new Status(status, "no"))));

    [Fact]
    public void A_refusal_prints_its_status_message_and_each_field_violation_on_a_line_of_its_own()
    {
        var (printer, _, error) = Printer();
        var refusal = FieldViolations.ToRpcException(StatusCode.InvalidArgument, "The tender cannot be published: 2 problems.",
            [("lots[0].evaluation.criteria", "weights sum to 90; they must sum to 100"), ("title", "set the title")]);

        var code = Cli.Report(refusal, printer);

        Assert.Equal(ExitCodes.Refused, code);
        Assert.Equal(
            "error: INVALID_ARGUMENT: The tender cannot be published: 2 problems.\n" +
            "  lots[0].evaluation.criteria: weights sum to 90; they must sum to 100\n" +
            "  title: set the title\n", error.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void The_cli_own_failures_keep_their_exit_codes()
    {
        var (printer, _, error) = Printer();
        Assert.Equal(ExitCodes.TimedOut, Cli.Report(new CliException(ExitCodes.TimedOut, "Gave up."), printer));
        Assert.Equal("error: Gave up.", error.ToString().Trim());
    }

    [Fact]
    public void Lists_are_tables_for_people_ids_for_scripts_and_json_for_machines()
    {
        var tenders = new[] { new Tender { Id = "t-1", Reference = "7F-2022-VAS-001", Status = TenderStatus.Published } };
        string Render(OutputMode mode)
        {
            var (printer, output, _) = Printer(mode);
            printer.List(tenders, t => t.Id, ["id", "reference", "status"], t => [t.Id, t.Reference, t.Status.ToString()], "No tenders.");
            return output.ToString();
        }

        var table = Render(OutputMode.Human);
        Assert.Contains("| id ", table);
        Assert.Contains("| t-1 | 7F-2022-VAS-001 | Published |", table);
        Assert.Equal("t-1", Render(OutputMode.Quiet).Trim());
        Assert.Contains("\"reference\": \"7F-2022-VAS-001\"", Render(OutputMode.Json));
        Assert.Contains("\"status\": \"TENDER_STATUS_PUBLISHED\"", Render(OutputMode.Json));
    }

    [Fact]
    public void A_single_item_is_key_facts_without_colour_when_not_a_terminal()
    {
        var (printer, output, _) = Printer();
        printer.Item(new Tender { Id = "t-1" }, "t-1", ("tender", "t-1"), ("reference", "7F-2022-VAS-001"), ("closed", ""));

        Assert.Equal("tender:    t-1\nreference: 7F-2022-VAS-001\n", output.ToString().ReplaceLineEndings("\n"));
        Assert.DoesNotContain("\u001b[", output.ToString());
    }
}
