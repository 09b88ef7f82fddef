using Procurement.Tenders.Domain;

namespace Procurement.Tenders.Tests.Domain;

public sealed class PublicationRulesTests
{
    private static IReadOnlyList<Violation> Validate(TenderContent tender) => PublicationRules.Validate(tender, SeedCase.Now);

    private static Violation Single(TenderContent tender, string field)
    {
        var violations = Validate(tender);
        return Assert.Single(violations, v => v.Field == field);
    }

    private static TenderContent WithKent(Func<LotDefinition, LotDefinition> change)
    {
        var tender = SeedCase.JointTender();
        return tender with { Lots = [change(tender.Lots[0]), tender.Lots[1]] };
    }

    private static TenderContent WithKentCriteria(params Criterion[] criteria) =>
        WithKent(lot => lot with { Evaluation = lot.Evaluation! with { Criteria = criteria } });

    [Fact]
    public void The_Kent_and_Essex_joint_tender_is_publishable()
    {
        Assert.Empty(Validate(SeedCase.JointTender()));
    }

    [Fact]
    public void A_ten_year_contract_without_extensions_is_publishable()
    {
        // Devon & Cornwall (seed 003): terms are not hard-wired to 4 + 3 years.
        var tender = WithKent(lot => lot with { Terms = new ContractTerms(new DateOnly(2023, 4, 1), 120, 0, 0) });
        Assert.Empty(Validate(tender));
    }

    [Fact]
    public void A_commissioner_may_own_several_lots()
    {
        var tender = SeedCase.JointTender();
        var second = SeedCase.KentLot() with { Id = "kent-2", Title = "Kent restorative justice" };
        Assert.Empty(Validate(tender with { Lots = [.. tender.Lots, second] }));
    }

    [Fact]
    public void Weights_that_do_not_sum_to_100_are_named_with_their_sum()
    {
        var tender = WithKentCriteria(
            new Criterion("Q1", CriterionKind.Quality, "Delivery", 60),
            new Criterion("PRICE", CriterionKind.Price, "Price", 30));
        var violation = Single(tender, "lots[0].evaluation.criteria");
        Assert.Contains("sum to 90", violation.Description);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void A_lot_needs_exactly_one_price_criterion(int priceCriteria)
    {
        var criteria = new List<Criterion> { new("Q1", CriterionKind.Quality, "Delivery", 100 - 20 * priceCriteria) };
        for (var i = 0; i < priceCriteria; i++) criteria.Add(new($"P{i}", CriterionKind.Price, "Price", 20));
        var violation = Single(WithKentCriteria([.. criteria]), "lots[0].evaluation.criteria");
        Assert.Contains($"{priceCriteria} price criteria", violation.Description);
    }

    [Fact]
    public void Duplicate_criterion_ids_and_unspecified_kinds_are_refused()
    {
        var tender = WithKentCriteria(
            new Criterion("Q1", CriterionKind.Quality, "Delivery", 40),
            new Criterion("Q1", CriterionKind.Unspecified, "Again", 30),
            new Criterion("PRICE", CriterionKind.Price, "Price", 30));
        var violations = Validate(tender);
        Assert.Contains(violations, v => v.Field == "lots[0].evaluation.criteria" && v.Description.Contains("'Q1'"));
        Assert.Contains(violations, v => v.Field == "lots[0].evaluation.criteria[1].kind");
    }

    [Fact]
    public void Clarification_deadline_must_come_before_the_submission_deadline()
    {
        var tender = SeedCase.JointTender();
        tender = tender with { Timetable = tender.Timetable with { ClarificationDeadline = tender.Timetable.SubmissionDeadline!.Value.AddDays(1) } };
        Assert.Contains("before the submission deadline", Single(tender, "timetable.clarification_deadline").Description);
    }

    [Fact]
    public void Deadlines_in_the_past_are_refused()
    {
        var tender = SeedCase.JointTender();
        var past = SeedCase.Now.AddDays(-1);
        var violations = Validate(tender with { Timetable = new Timetable(past.AddDays(-1), past) });
        Assert.Contains(violations, v => v.Field == "timetable.submission_deadline" && v.Description.Contains("future"));
        Assert.Contains(violations, v => v.Field == "timetable.clarification_deadline" && v.Description.Contains("future"));
    }

    [Fact]
    public void Missing_deadlines_are_named()
    {
        var violations = Validate(SeedCase.JointTender() with { Timetable = new Timetable(null, null) });
        Assert.Contains(violations, v => v.Field == "timetable.clarification_deadline");
        Assert.Contains(violations, v => v.Field == "timetable.submission_deadline");
    }

    [Fact]
    public void Each_participating_commissioner_must_own_a_lot()
    {
        var tender = SeedCase.JointTender();
        var violation = Single(tender with { Lots = [tender.Lots[0]] }, "lots");
        Assert.Contains("'essex' owns no lot", violation.Description);
    }

    [Fact]
    public void A_lot_cannot_belong_to_a_commissioner_outside_the_tender()
    {
        var violation = Single(WithKent(lot => lot with { Commissioner = "devon-cornwall" }), "lots[0].commissioner");
        Assert.Contains("not a participating commissioner", violation.Description);
    }

    [Fact]
    public void Lot_ids_must_be_unique()
    {
        var tender = SeedCase.JointTender();
        var violations = Validate(tender with { Lots = [tender.Lots[0], tender.Lots[1] with { Id = "kent" }] });
        Assert.Contains(violations, v => v.Field == "lots" && v.Description.Contains("'kent' is used more than once"));
    }

    [Fact]
    public void Extension_allowance_must_be_whole_steps()
    {
        var tender = WithKent(lot => lot with { Terms = lot.Terms! with { ExtensionAllowanceMonths = 30, ExtensionStepMonths = 12 } });
        Assert.Contains("whole steps of 12", Single(tender, "lots[0].contract_terms.extension_allowance_months").Description);
    }

    [Fact]
    public void Extension_allowance_without_a_step_is_refused()
    {
        var tender = WithKent(lot => lot with { Terms = lot.Terms! with { ExtensionStepMonths = 0 } });
        Single(tender, "lots[0].contract_terms.extension_step_months");
    }

    [Fact]
    public void Contract_must_start_after_the_submission_deadline()
    {
        var tender = WithKent(lot => lot with { Terms = lot.Terms! with { StartDate = new DateOnly(2022, 10, 1) } });
        Assert.Contains("after the submission deadline", Single(tender, "lots[0].contract_terms.start_date").Description);
    }

    [Theory]
    [InlineData(0, "GBP", "more than zero")]
    [InlineData(-5, "GBP", "more than zero")]
    [InlineData(100, "EUR", "currency must be GBP")]
    public void Estimated_value_must_be_positive_pounds(long pence, string currency, string expected)
    {
        var tender = WithKent(lot => lot with { EstimatedAnnualValue = new Money(pence, currency) });
        Assert.Contains(expected, Single(tender, "lots[0].estimated_annual_value").Description);
    }

    [Fact]
    public void Scale_descriptors_must_lie_on_the_scale()
    {
        var scale = new QualityScale(0, 5, [new ScoreDescriptor(6, "Beyond excellent"), new ScoreDescriptor(3, "OK"), new ScoreDescriptor(3, "Also OK")]);
        var violations = Validate(WithKent(lot => lot with { Evaluation = lot.Evaluation! with { Scale = scale } }));
        Assert.Contains(violations, v => v.Field == "lots[0].evaluation.quality_scale.descriptors" && v.Description.Contains("score 6"));
        Assert.Contains(violations, v => v.Field == "lots[0].evaluation.quality_scale.descriptors" && v.Description.Contains("more than once"));
    }

    [Fact]
    public void Scale_must_run_upwards()
    {
        var scale = new QualityScale(5, 5, []);
        Single(WithKent(lot => lot with { Evaluation = lot.Evaluation! with { Scale = scale } }), "lots[0].evaluation.quality_scale");
    }

    [Fact]
    public void Quality_threshold_needs_quality_criteria_and_a_percentage()
    {
        var priceOnly = WithKent(lot => lot with
        {
            Evaluation = lot.Evaluation! with { Criteria = [new Criterion("PRICE", CriterionKind.Price, "Price", 100)], MinimumQualityPercent = 60 },
        });
        Assert.Contains("quality criterion", Single(priceOnly, "lots[0].evaluation.minimum_quality_percent").Description);

        var outOfRange = WithKent(lot => lot with { Evaluation = lot.Evaluation! with { MinimumQualityPercent = 150 } });
        Single(outOfRange, "lots[0].evaluation.minimum_quality_percent");
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var tender = SeedCase.JointTender() with { Reference = "", Title = " ", Regime = Regime.Unspecified, Lots = [] };
        var fields = Validate(tender).Select(v => v.Field).ToList();
        Assert.Equal(["reference", "title", "regime", "lots"], fields);
    }

    [Fact]
    public void Missing_lot_parts_are_each_named()
    {
        var tender = WithKent(lot => lot with { Title = "", Specification = "", EstimatedAnnualValue = null, Terms = null, Evaluation = null });
        var fields = Validate(tender).Select(v => v.Field).ToHashSet();
        var expected = new HashSet<string>
        {
            "lots[0].title", "lots[0].specification", "lots[0].estimated_annual_value", "lots[0].contract_terms", "lots[0].evaluation",
        };
        Assert.Superset(expected, fields);
    }

    [Fact]
    public void Duplicate_commissioners_are_refused()
    {
        var tender = SeedCase.JointTender() with { Commissioners = ["kent", "essex", "kent"] };
        Assert.Contains("'kent' is listed more than once", Single(tender, "commissioners").Description);
    }
}
