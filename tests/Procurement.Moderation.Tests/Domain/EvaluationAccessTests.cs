using Procurement.Moderation.Domain;
using static Procurement.Moderation.Tests.Domain.KentPanel;

namespace Procurement.Moderation.Tests.Domain;

public sealed class EvaluationAccessTests
{
    private static readonly EvaluationReader KentOfficer = new("p-kit", "kent", IsCommissioningOfficer: true, IsEvaluator: false);
    private static readonly EvaluationReader EssexOfficer = new("p-ed", "essex", IsCommissioningOfficer: true, IsEvaluator: false);
    private static readonly EvaluationReader KentMember = new(Office.PersonId, "kent", false, true);
    private static readonly EvaluationReader KentNonMember = new("p-nobody", "kent", false, true);
    private static readonly EvaluationReader SamePersonActingForEssex = new(Office.PersonId, "essex", false, true);

    [Fact]
    public void Another_commissioners_people_are_told_the_evaluation_does_not_exist_whatever_they_ask()
    {
        var evaluation = WithPanel();
        foreach (var check in new Func<EvaluationReader, Evaluation, EvaluationAccessDecision>[] { EvaluationAccess.CanFollow, EvaluationAccess.CanStaff, EvaluationAccess.CanActOnPanel })
        {
            Assert.Equal(EvaluationAccessOutcome.Hidden, check(EssexOfficer, evaluation).Outcome);
            Assert.Equal(EvaluationAccessOutcome.Hidden, check(SamePersonActingForEssex, evaluation).Outcome);
        }
    }

    [Fact]
    public void Within_the_commissioner_officers_staff_and_follow_and_members_act()
    {
        var evaluation = WithPanel();
        Assert.True(EvaluationAccess.CanFollow(KentOfficer, evaluation).Allowed);
        Assert.True(EvaluationAccess.CanStaff(KentOfficer, evaluation).Allowed);
        Assert.Equal(EvaluationAccessOutcome.Denied, EvaluationAccess.CanActOnPanel(KentOfficer, evaluation).Outcome);

        Assert.True(EvaluationAccess.CanFollow(KentMember, evaluation).Allowed);
        Assert.True(EvaluationAccess.CanActOnPanel(KentMember, evaluation).Allowed);
        Assert.Equal(EvaluationAccessOutcome.Denied, EvaluationAccess.CanStaff(KentMember, evaluation).Outcome);

        Assert.Equal(EvaluationAccessOutcome.Denied, EvaluationAccess.CanFollow(KentNonMember, evaluation).Outcome);
        Assert.Equal(EvaluationAccessOutcome.Denied, EvaluationAccess.CanActOnPanel(KentNonMember, evaluation).Outcome);
    }
}
