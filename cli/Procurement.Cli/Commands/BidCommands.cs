using System.CommandLine;
using Google.Protobuf;
using Procurement.Cli.Calls;
using Procurement.Cli.Input;
using Procurement.Contracts.Bid.V1;
using Procurement.Contracts.Receipts;
using static Procurement.Cli.Commands.Kit;

namespace Procurement.Cli.Commands;

/// <summary>bid submit/revise/reconfirm/withdraw/show/list/verify.</summary>
internal static class BidCommands
{
    public static Command Build(Globals globals) => Group("bid", "Sealed bids (suppliers, their own organisation's only).",
        Submit(globals), Revise(globals), Reconfirm(globals), Withdraw(globals), Show(globals), List(globals), Verify(globals));

    private static Option<string?> ReceiptOut() => Optional("--receipt", "Also save the receipt (JSON) to this file, for `bid verify --receipt`.");

    private static Command Submit(Globals globals)
    {
        var tender = Optional("--tender", "The tender's id (overrides the file's tenderId).");
        var file = Required("--file", "A YAML or JSON file of the bid (the SubmitBidRequest proto in its JSON mapping; see cli/README.md).");
        var receipt = ReceiptOut();
        var (wait, timeout) = (Wait(), Timeout());
        wait.Description = "Until the bid service knows the tender (it learns of a publication asynchronously), retry NOT_FOUND, at most --timeout.";
        return Command("submit", "Submit a sealed bid for one or more lots; prints the receipt (its bid id with -q).", tender, file, receipt, wait, timeout)
            .Runs(globals, async (parse, session) =>
            {
                var request = MessageFile.Read(parse.GetValue(file)!, SubmitBidRequest.Parser, SubmitBidRequest.Descriptor);
                if (parse.GetValue(tender) is { } tenderId) request.TenderId = tenderId;
                if (request.TenderId.Length == 0) throw CliException.Usage("Which tender? Pass --tender <id> (or tenderId in the file).");
                var submitted = parse.GetValue(wait)
                    ? await session.WaitAsync("the bid service to know the tender", parse.GetValue(timeout), async () =>
                    {
                        try
                        {
                            return await session.CallAsync(o => session.Bids.SubmitBidAsync(request, o));
                        }
                        catch (global::Grpc.Core.RpcException ex) when (ex.StatusCode == global::Grpc.Core.StatusCode.NotFound)
                        {
                            return null;
                        }
                    })
                    : await session.CallAsync(o => session.Bids.SubmitBidAsync(request, o));
                PrintReceipt(session, submitted, parse.GetValue(receipt));
            });
    }

    private static Command Revise(Globals globals)
    {
        var id = Arg("bid", "The bid's id.");
        var file = Required("--file", "A YAML or JSON file of the new version (offers and declarations, as for submit; tenderId is ignored).");
        var receipt = ReceiptOut();
        return Command("revise", "Replace a bid with a new version before the deadline.", id, file, receipt)
            .Runs(globals, async (parse, session) =>
            {
                var content = MessageFile.Read(parse.GetValue(file)!, SubmitBidRequest.Parser, SubmitBidRequest.Descriptor);
                var current = await GetAsync(session, parse.GetValue(id)!);
                var request = new ReviseBidRequest { BidId = current.Id, ExpectedVersion = current.Version, Declarations = content.Declarations };
                request.Offers.AddRange(content.Offers);
                PrintReceipt(session, await session.CallAsync(o => session.Bids.ReviseBidAsync(request, o)), parse.GetValue(receipt));
            });
    }

    private static Command Reconfirm(Globals globals)
    {
        var id = Arg("bid", "The bid's id.");
        return Command("reconfirm", "Confirm a bid against the tender's latest revision after an amendment.", id)
            .Runs(globals, async (parse, session) =>
            {
                var current = await GetAsync(session, parse.GetValue(id)!);
                PrintReceipt(session, await session.CallAsync(o => session.Bids.ReconfirmBidAsync(
                    new ReconfirmBidRequest { BidId = current.Id, TenderRevision = current.TenderRevision }, o)), null);
            });
    }

    private static Command Withdraw(Globals globals)
    {
        var (id, reason) = (Arg("bid", "The bid's id."), Optional("--reason", "Why (optional)."));
        return Command("withdraw", "Withdraw a bid before the deadline.", id, reason)
            .Runs(globals, async (parse, session) => Print(session, await session.CallAsync(o => session.Bids.WithdrawBidAsync(
                new WithdrawBidRequest { BidId = parse.GetValue(id)!, Reason = parse.GetValue(reason) ?? "" }, o))));
    }

    private static Command Show(Globals globals)
    {
        var id = Arg("bid", "The bid's id.");
        return Command("show", "One of your bids.", id)
            .Runs(globals, async (parse, session) => Print(session, await GetAsync(session, parse.GetValue(id)!)));
    }

    private static Command List(Globals globals)
    {
        var tender = Optional("--tender", "Only bids for this tender.");
        return Command("list", "Your organisation's bids.", tender)
            .Runs(globals, async (parse, session) =>
            {
                var response = await session.CallAsync(o => session.Bids.ListMyBidsAsync(new ListMyBidsRequest { TenderId = parse.GetValue(tender) ?? "" }, o));
                session.Printer.List(response.Bids, b => b.Id, ["id", "tender", "version", "status", "lots", "submitted", "digest"],
                    b => [b.Id, b.TenderId, b.Version.ToString(), Name(b.Status), string.Join(", ", b.Offers.Select(o => o.LotId)), Time(b.SubmittedAt), b.DigestSha256[..Math.Min(12, b.DigestSha256.Length)]],
                    "No bids.");
            });
    }

    private static Command Verify(Globals globals)
    {
        var receipt = Required("--receipt", "A receipt saved by `bid submit --receipt` (JSON): verifies exactly what was acknowledged.");
        var offline = Flag("--offline", "Check only the receipt's signature, here, against the bid service's public keys; the bid itself is not asked for.");
        var keys = Optional("--keys", "With --offline: a JSON Web Key Set file (or an http(s) URL, e.g. the gateway's /.well-known/receipt-keys.json); default: the keys the bid service publishes (ListReceiptKeys, no sign-in needed).");
        return Command("verify",
                "Check a signed receipt: every field against what the bid service recorded, and its signature (exit 1 naming what differs). " +
                "--offline checks the signature alone, without the bid service's record.", receipt, offline, keys)
            .Runs(globals, async (parse, session) =>
            {
                if (!parse.GetValue(offline) && parse.GetValue(keys) is not null)
                    throw CliException.Usage("--keys goes with --offline: online, the bid service checks the signature with its own keys.");
                var held = MessageFile.Read(parse.GetValue(receipt)!, Receipt.Parser, Receipt.Descriptor);
                var result = parse.GetValue(offline)
                    ? await ReceiptVerification.OfflineAsync(session, held, parse.GetValue(keys))
                    : await session.CallAsync(o => session.Bids.VerifyReceiptAsync(new VerifyReceiptRequest { Receipt = held }, o));
                session.Printer.Item(result, result.Matches ? "matches" : "differs",
                    [("bid", held.BidId), ("version", held.Version.ToString()), ("received", ReceiptPayload.Time(held.ReceivedAt ?? new())),
                     ("receipt digest", held.DigestSha256), ("held digest", result.HeldDigestSha256), ("signed with", held.KeyId),
                     ("checked", parse.GetValue(offline) ? "offline: the signature only" : "by the bid service: every field and the signature"),
                     ("matches", result.Matches ? "yes" : "NO"),
                     .. result.Differences.Select(d => ($"differs: {d.Field}", (string?)d.Explanation)),
                     ("explanation", result.Explanation)]);
                if (!result.Matches) throw new CliException(ExitCodes.Refused, $"The receipt of bid {held.BidId} does not match: {result.Explanation}");
            });
    }

    public static Task<Bid> GetAsync(Session session, string bidId) =>
        session.CallAsync(o => session.Bids.GetBidAsync(new GetBidRequest { BidId = bidId }, o));

    private static void PrintReceipt(Session session, Receipt receipt, string? saveTo)
    {
        if (saveTo is not null) File.WriteAllText(saveTo, JsonFormatter.Default.Format(receipt));
        session.Printer.Item(receipt, receipt.BidId,
            ("bid", receipt.BidId), ("version", receipt.Version.ToString()), ("tender", receipt.TenderId), ("supplier", receipt.Supplier),
            ("received", Time(receipt.ReceivedAt)), ("digest (SHA-256)", receipt.DigestSha256), ("receipt saved to", saveTo));
    }

    private static void Print(Session session, Bid bid) =>
        session.Printer.Item(bid, bid.Id,
            ("bid", bid.Id), ("tender", bid.TenderId), ("supplier", bid.Supplier), ("version", bid.Version.ToString()), ("status", Name(bid.Status)),
            ("submitted", Time(bid.SubmittedAt)), ("digest (SHA-256)", bid.DigestSha256),
            ("offers", string.Join("; ", bid.Offers.Select(o => $"{o.LotId} at {MoneyText.Format(o.AnnualPrice)} a year"))),
            ("tender revision", bid.TenderRevision > bid.ConfirmedTenderRevision ? $"{bid.TenderRevision} (confirmed {bid.ConfirmedTenderRevision}: reconfirm)" : bid.TenderRevision.ToString()),
            ("amendment", bid.AmendmentSummary), ("void lots", string.Join(", ", bid.VoidLotIds)));
}
