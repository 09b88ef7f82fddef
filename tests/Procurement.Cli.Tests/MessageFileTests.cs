using Procurement.Cli.Input;
using Procurement.Contracts.Bid.V1;
using Procurement.Contracts.Tender.V1;

namespace Procurement.Cli.Tests;

public sealed class MessageFileTests
{
    private static TenderContent Tender(string yaml) => MessageFile.Parse(yaml, "tender.yaml", TenderContent.Parser, TenderContent.Descriptor);

    private static CliException Refused(string yaml) => Assert.Throws<CliException>(() => Tender(yaml));

    [Fact]
    public void The_demo_tender_file_is_the_seed_case_in_the_proto_json_mapping()
    {
        var tender = MessageFile.Read(Repository.PathOf("demo/kent-essex/tender.yaml"), TenderContent.Parser, TenderContent.Descriptor);

        Assert.Equal(("7F-2022-VAS-001", Regime.Pcr2015, true), (tender.Reference, tender.Regime, tender.LightTouch));
        Assert.Equal(["kent", "essex"], tender.Commissioners);
        Assert.Equal(new DateTimeOffset(2022, 10, 31, 12, 0, 0, TimeSpan.Zero), tender.Timetable.SubmissionDeadline.ToDateTimeOffset());
        var kent = tender.Lots[0];
        Assert.Equal((100_000_000L, 48, 36, 12, 50), (kent.EstimatedAnnualValue.MinorUnits, kent.ContractTerms.InitialTermMonths,
            kent.ContractTerms.ExtensionAllowanceMonths, kent.ContractTerms.ExtensionStepMonths, kent.Evaluation.MinimumQualityPercent));
        Assert.Equal(["Q1", "Q2", "Q3", "SV1", "PRICE"], kent.Evaluation.Criteria.Select(c => c.Id));
        Assert.Equal(CriterionKind.SocialValue, kent.Evaluation.Criteria[3].Kind);
        Assert.Equal(100, tender.Lots[1].Evaluation.Criteria.Sum(c => c.WeightPercent));
    }

    [Fact]
    public void Json_files_read_the_same_way_as_yaml()
    {
        var json = MessageFile.Read(Repository.PathOf("cli/examples/catch-22-bid.json"), SubmitBidRequest.Parser, SubmitBidRequest.Descriptor);
        var yaml = MessageFile.Read(Repository.PathOf("demo/kent-essex/catch-22.yaml"), SubmitBidRequest.Parser, SubmitBidRequest.Descriptor);

        Assert.Equal(yaml, json);
        Assert.Equal(108_000_000, json.Offers[0].AnnualPrice.MinorUnits);
        Assert.True(json.Declarations.AcceptsTerms);
    }

    [Fact]
    public void Proto_field_names_and_full_enum_names_are_accepted_too()
    {
        var tender = Tender("light_touch: true\nregime: REGIME_PROCUREMENT_ACT_2023\n");
        Assert.Equal((true, Regime.ProcurementAct2023), (tender.LightTouch, tender.Regime));
    }

    [Fact]
    public void An_unknown_field_is_named_with_its_line_and_the_fields_there_are()
    {
        var error = Refused("title: A tender\nlots:\n  - id: kent\n    comissioner: kent\n");

        Assert.Equal(ExitCodes.Usage, error.ExitCode);
        Assert.StartsWith("tender.yaml:4: lots[0].comissioner: Lot has no field 'comissioner'; its fields are id, commissioner,", error.Message);
    }

    [Fact]
    public void A_wrong_type_is_named_with_its_line_and_path()
    {
        var error = Refused("lots:\n  - id: kent\n    contractTerms:\n      initialTermMonths: four years\n");

        Assert.Equal("tender.yaml:4: lots[0].contractTerms.initialTermMonths: expected a whole number, not 'four years'.", error.Message);
    }

    [Fact]
    public void An_unknown_enum_value_lists_the_values_there_are()
    {
        var error = Refused("regime: PCR_2006\n");

        Assert.Equal("tender.yaml:1: regime: 'PCR_2006' is not a Regime; use one of procurement_act_2023, pcr_2015.", error.Message);
    }

    [Fact]
    public void A_bad_instant_and_broken_yaml_are_named_too()
    {
        Assert.Equal("tender.yaml:2: timetable.submissionDeadline: expected an RFC 3339 instant such as 2022-10-31T12:00:00Z, not 'next Tuesday'.",
            Refused("timetable:\n  submissionDeadline: next Tuesday\n").Message);
        Assert.StartsWith("tender.yaml:2:", Refused("title: a\n  b: c\n").Message);
        Assert.Contains("unclosed", Refused("title: [unclosed\nregime: x\n").Message);
        Assert.Equal("tender.yaml: expected a mapping of the fields of TenderContent at the top.", Refused("- a list\n").Message);
    }
}
