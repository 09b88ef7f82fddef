using Google.Protobuf.WellKnownTypes;
using Procurement.Tenders.Domain;
using Common = Procurement.Contracts.Common.V1;
using V1 = Procurement.Contracts.Tender.V1;

namespace Procurement.Tenders.Grpc;

/// <summary>Domain → proto.</summary>
internal static class TenderMapping
{
    public static V1.Tender ToProto(this Tender tender, uint version)
    {
        var proto = new V1.Tender
        {
            Id = tender.Id.ToString(),
            Reference = tender.Content.Reference,
            Title = tender.Content.Title,
            Description = tender.Content.Description,
            ProcuringEntity = tender.ProcuringEntity,
            Regime = ToProto(tender.Content.Regime),
            LightTouch = tender.Content.LightTouch,
            Timetable = ToProto(tender.Content.Timetable),
            Status = ToProto(tender.Status),
            Revision = tender.Revision,
            PublishedAt = ToTimestamp(tender.PublishedAt),
            ClosedAt = ToTimestamp(tender.ClosedAt),
            CancellationReason = tender.CancellationReason ?? "",
            Version = version,
        };
        proto.Commissioners.AddRange(tender.Content.Commissioners);
        proto.Lots.AddRange(tender.Content.Lots.Select(lot => ToProto(lot, tender.Lots.GetValueOrDefault(lot.Id))));
        return proto;
    }

    public static V1.TenderContent ToProto(this TenderContent content)
    {
        var proto = new V1.TenderContent
        {
            Reference = content.Reference,
            Title = content.Title,
            Description = content.Description,
            Regime = ToProto(content.Regime),
            LightTouch = content.LightTouch,
            Timetable = ToProto(content.Timetable),
        };
        proto.Commissioners.AddRange(content.Commissioners);
        proto.Lots.AddRange(content.Lots.Select(lot => ToProto(lot, null)));
        return proto;
    }

    public static V1.Revision ToProto(this TenderRevision revision) => new()
    {
        Revision_ = revision.Number,
        At = Timestamp.FromDateTimeOffset(revision.At),
        By = revision.By,
        Summary = revision.Summary,
        Content = revision.Content.ToProto(),
    };

    private static V1.Lot ToProto(LotDefinition lot, LotState? state)
    {
        var proto = new V1.Lot
        {
            Id = lot.Id,
            Commissioner = lot.Commissioner,
            Title = lot.Title,
            Specification = lot.Specification,
            EstimatedAnnualValue = lot.EstimatedAnnualValue is { } value ? new Common.Money { MinorUnits = value.MinorUnits, Currency = value.Currency } : null,
            ContractTerms = lot.Terms is { } terms ? ToProto(terms) : null,
            Evaluation = lot.Evaluation is { } evaluation ? ToProto(evaluation) : null,
            Status = state?.Status switch
            {
                LotStatus.Active => V1.LotStatus.Active,
                LotStatus.Cancelled => V1.LotStatus.Cancelled,
                LotStatus.Awarded => V1.LotStatus.Awarded,
                _ => V1.LotStatus.Unspecified,
            },
            CancellationReason = state?.CancellationReason ?? "",
        };
        return proto;
    }

    private static V1.ContractTerms ToProto(ContractTerms terms) => new()
    {
        StartDate = terms.StartDate is { } start ? new Common.Date { Year = start.Year, Month = start.Month, Day = start.Day } : null,
        InitialTermMonths = terms.InitialTermMonths,
        ExtensionAllowanceMonths = terms.ExtensionAllowanceMonths,
        ExtensionStepMonths = terms.ExtensionStepMonths,
    };

    private static V1.EvaluationModel ToProto(EvaluationModel model)
    {
        var scale = new V1.QualityScale { Minimum = model.Scale.Minimum, Maximum = model.Scale.Maximum };
        scale.Descriptors.AddRange(model.Scale.Descriptors.Select(d => new V1.ScoreDescriptor { Score = d.Score, Description = d.Description }));
        var proto = new V1.EvaluationModel { QualityScale = scale };
        proto.Criteria.AddRange(model.Criteria.Select(c => new V1.Criterion
        {
            Id = c.Id, Kind = ToProto(c.Kind), Title = c.Title, Guidance = c.Guidance, WeightPercent = c.WeightPercent,
        }));
        if (model.MinimumQualityPercent is { } threshold) proto.MinimumQualityPercent = threshold;
        return proto;
    }

    private static V1.Timetable ToProto(Timetable timetable) => new()
    {
        ClarificationDeadline = ToTimestamp(timetable.ClarificationDeadline),
        SubmissionDeadline = ToTimestamp(timetable.SubmissionDeadline),
    };

    private static Timestamp? ToTimestamp(DateTimeOffset? instant) => instant is { } at ? Timestamp.FromDateTimeOffset(at) : null;

    public static V1.TenderStatus ToProto(TenderStatus status) => status switch
    {
        TenderStatus.Draft => V1.TenderStatus.Draft,
        TenderStatus.Published => V1.TenderStatus.Published,
        TenderStatus.Closed => V1.TenderStatus.Closed,
        TenderStatus.Cancelled => V1.TenderStatus.Cancelled,
        TenderStatus.Complete => V1.TenderStatus.Complete,
        _ => V1.TenderStatus.Unspecified,
    };

    public static TenderStatus? ToDomain(V1.TenderStatus status) => status switch
    {
        V1.TenderStatus.Draft => TenderStatus.Draft,
        V1.TenderStatus.Published => TenderStatus.Published,
        V1.TenderStatus.Closed => TenderStatus.Closed,
        V1.TenderStatus.Cancelled => TenderStatus.Cancelled,
        V1.TenderStatus.Complete => TenderStatus.Complete,
        _ => null,
    };

    private static V1.Regime ToProto(Regime regime) => regime switch
    {
        Regime.ProcurementAct2023 => V1.Regime.ProcurementAct2023,
        Regime.Pcr2015 => V1.Regime.Pcr2015,
        _ => V1.Regime.Unspecified,
    };

    private static V1.CriterionKind ToProto(CriterionKind kind) => kind switch
    {
        CriterionKind.Quality => V1.CriterionKind.Quality,
        CriterionKind.Price => V1.CriterionKind.Price,
        CriterionKind.SocialValue => V1.CriterionKind.SocialValue,
        _ => V1.CriterionKind.Unspecified,
    };
}
