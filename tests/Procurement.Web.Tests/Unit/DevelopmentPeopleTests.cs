using Procurement.Identity;
using Procurement.Web.Session;

namespace Procurement.Web.Tests.Unit;

public sealed class DevelopmentPeopleTests
{
    [Fact]
    public void The_demo_people_file_the_demo_script_reads_loads_with_their_roles_and_commissioners()
    {
        var people = DevelopmentPeople.Load(Path.Combine(TestInfrastructure.RepositoryRoot, "demo", "kent-essex", "people.tsv"));

        Assert.Equal(16, people.All.Count);
        var officer = people.Find("officer")!.Caller;
        Assert.Equal(("p-ola", "7f-commercial", (string?)null), (officer.PersonId, officer.Organisation, officer.Commissioner));
        Assert.Equal([Role.ProcurementOfficer], officer.Roles);
        Assert.Equal("essex", people.Find("essex-chair")!.Caller.Commissioner);
        Assert.Null(people.Find("nobody"));
    }

    [Fact]
    public void A_line_with_an_unknown_role_is_refused_naming_the_line()
    {
        var file = Path.GetTempFileName();
        File.WriteAllText(file, "# comment\nofficer\tp-1\tOla\t7f\tprocurement_officer\nx\tp-2\tX\torg\twizard\n");
        try
        {
            var problem = Assert.Throws<FormatException>(() => DevelopmentPeople.Load(file));
            Assert.Contains("line 3", problem.Message);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
