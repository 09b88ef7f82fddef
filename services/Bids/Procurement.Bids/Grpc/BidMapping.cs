using Google.Protobuf.WellKnownTypes;
using Procurement.Bids.Domain;
using Procurement.Bids.Persistence;
using Proto = Procurement.Contracts.Bid.V1;
using Common = Procurement.Contracts.Common.V1;

namespace Procurement.Bids.Grpc;

/// <summary>Domain → the messages of procurement.bid.v1.</summary>
internal static class BidMapping
{
    public static Proto.Receipt ToProto(this Receipt receipt) => new()
    {
        BidId = receipt.BidId.ToString(),
        Version = receipt.Version,
        TenderId = receipt.TenderId.ToString(),
        Supplier = receipt.Supplier,
        ReceivedAt = Timestamp.FromDateTimeOffset(receipt.ReceivedAt),
        DigestSha256 = receipt.DigestSha256,
    };

    /// <summary>The bid as its supplier reads it: the current version, and where it stands against the tender.</summary>
    public static Proto.Bid ToProto(this Bid bid, TenderViewRow? tender)
    {
        var current = bid.Current;
        var message = new Proto.Bid
        {
            Id = bid.Id.ToString(),
            TenderId = bid.TenderId.ToString(),
            Supplier = bid.Supplier,
            Version = current.Version,
            Status = Status(bid),
            Declarations = new Proto.Declarations
            {
                AcceptsTerms = current.Declarations.AcceptsTerms,
                MeetsMandatoryRequirements = current.Declarations.MeetsMandatoryRequirements,
                NoConflictsDeclared = current.Declarations.NoConflictsDeclared,
            },
            SubmittedAt = Timestamp.FromDateTimeOffset(current.ReceivedAt),
            DigestSha256 = BidDigest.Compute(current),
            ConfirmedTenderRevision = bid.ConfirmedTenderRevision,
            TenderRevision = tender?.Revision ?? bid.ConfirmedTenderRevision,
            AmendmentSummary = tender?.AmendmentSummary ?? "",
        };
        message.Offers.AddRange(current.Offers.Select(ToProto));
        message.VoidLotIds.AddRange(bid.VoidLots.Order(StringComparer.Ordinal));
        return message;
    }

    public static Proto.LotOffer ToProto(this LotOffer offer)
    {
        var message = new Proto.LotOffer
        {
            LotId = offer.LotId,
            AnnualPrice = new Common.Money { MinorUnits = offer.AnnualPrice.MinorUnits, Currency = offer.AnnualPrice.Currency },
        };
        message.Responses.AddRange(offer.Responses.Select(r => new Proto.CriterionResponse { CriterionId = r.CriterionId, Text = r.Text }));
        return message;
    }

    public static Proto.OpenedOffer ToProto(this OpenedOfferRow row)
    {
        var message = new Proto.OpenedOffer
        {
            BidId = row.BidId.ToString(),
            BidVersion = row.BidVersion,
            Supplier = row.Supplier,
            Offer = BidJson.Read<LotOffer>(row.Offer).ToProto(),
            DigestSha256 = row.DigestSha256,
            Compliant = row.Compliant,
        };
        message.NonComplianceReasons.AddRange(row.NonComplianceReasons);
        return message;
    }

    private static Proto.BidStatus Status(Bid bid) => bid.Status switch
    {
        BidStatus.Withdrawn => Proto.BidStatus.Withdrawn,
        _ when bid.IsVoid => Proto.BidStatus.Void,
        BidStatus.Submitted => Proto.BidStatus.Submitted,
        BidStatus.NeedsReconfirmation => Proto.BidStatus.NeedsReconfirmation,
        BidStatus.Opened => Proto.BidStatus.Opened,
        _ => Proto.BidStatus.Unspecified,
    };
}
