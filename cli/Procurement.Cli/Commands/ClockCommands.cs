using System.CommandLine;
using Google.Protobuf.WellKnownTypes;
using Procurement.Cli.Calls;
using Procurement.Cli.Input;
using Procurement.Contracts.Dev.V1;
using static Procurement.Cli.Commands.Kit;

namespace Procurement.Cli.Commands;

/// <summary>
/// clock show/advance: DEVELOPMENT ONLY. The suite's business clocks, moved forward so that deadlines and standstill pass
/// in seconds. Every service refuses (FAILED_PRECONDITION) unless the suite runs in Development with Development:ClockControl=true.
/// </summary>
internal static class ClockCommands
{
    private static readonly TimeSpan Beyond = TimeSpan.FromMinutes(1);

    public static Command Build(Globals globals) => Group("clock",
        "DEVELOPMENT ONLY: the suite's business clocks (procurement officers; refused unless the suite runs in Development with Development:ClockControl=true).",
        Show(globals), Advance(globals));

    private static Command Show(Globals globals) =>
        Command("show", "What each service's clock reads, and how far ahead of real time it runs.")
            .Runs(globals, async (_, session) =>
            {
                var reading = await session.CallAsync(o => session.DevelopmentClock.GetClockAsync(new GetClockRequest(), o));
                session.Clock.Record(reading);
                Print(session, reading);
            });

    private static Command Advance(Globals globals)
    {
        var by = new Argument<string?>("duration") { Description = "How far: 17d, 36h, 90m, 1d12h.", Arity = ArgumentArity.ZeroOrOne };
        var pastDeadline = Optional("--past-deadline", "Instead: just past this tender's submission deadline.");
        var pastStandstill = Optional("--past-standstill", "Instead: just past this award's standstill.");
        return Command("advance", "Move every service's clock forward (never back).", by, pastDeadline, pastStandstill)
            .Runs(globals, async (parse, session) =>
            {
                var targets = new[] { parse.GetValue(by), parse.GetValue(pastDeadline), parse.GetValue(pastStandstill) }.Count(v => v is not null);
                if (targets != 1) throw CliException.Usage("Say how far: a duration (17d), or --past-deadline <tender>, or --past-standstill <award> (one of them).");
                AdvanceClockRequest request;
                string why;
                if (parse.GetValue(by) is { } text)
                {
                    var step = Durations.Parse(text);
                    request = new AdvanceClockRequest { By = Duration.FromTimeSpan(step) };
                    why = "by " + Durations.Format(step);
                }
                else
                {
                    var (target, what) = parse.GetValue(pastDeadline) is { } tenderId
                        ? ((await TenderCommands.GetAsync(session, tenderId)).Timetable?.SubmissionDeadline, $"the submission deadline of tender {tenderId}")
                        : ((await AwardCommands.GetAsync(session, parse.GetValue(pastStandstill)!)).StandstillEnds, $"the standstill of award {parse.GetValue(pastStandstill)}");
                    if (target is null || (target.Seconds == 0 && target.Nanos == 0)) throw new CliException(ExitCodes.Refused, $"There is no {what} yet.");
                    // A moment the clocks have already passed leaves them where they are.
                    request = new AdvanceClockRequest { To = Timestamp.FromDateTimeOffset(target.ToDateTimeOffset() + Beyond) };
                    why = $"past {what} ({Time(target)})";
                }
                var advanced = await session.CallAsync(o => session.DevelopmentClock.AdvanceClockAsync(request, o));
                session.Clock.Record(advanced);
                session.Printer.Line($"Clock advanced {why}.");
                Print(session, advanced);
            });
    }

    private static void Print(Session session, ClockReading reading)
    {
        var printer = session.Printer;
        switch (printer.Mode)
        {
            case Output.OutputMode.Json: printer.Raw(Output.Printer.ToJson(reading)); break;
            case Output.OutputMode.Quiet: printer.Raw(reading.Clocks.Count == 0 ? "" : reading.Clocks.Max(c => c.Now.ToDateTimeOffset()).ToString("O")); break;
            default:
                printer.Table(["service", "now", "ahead of real time"],
                    reading.Clocks.Select(c => new[] { c.Service, c.Now.ToDateTimeOffset().ToString("yyyy-MM-dd HH:mm:ss 'UTC'"), Durations.Format(c.Offset.ToTimeSpan()) }));
                break;
        }
    }
}
