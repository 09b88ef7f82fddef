using Procurement.Identity;

namespace Procurement.Web.Session;

/// <summary>One person "sign in as" offers: the demo's profile name and who the person is.</summary>
public sealed record DevelopmentPerson(string Profile, Caller Caller);

/// <summary>
/// Development only: the people of the demo case, read from the tab-separated file the demo script reads too
/// (profile, person id, name, organisation, role, commissioner), so the two never disagree.
/// </summary>
public sealed class DevelopmentPeople(IReadOnlyList<DevelopmentPerson> people)
{
    public IReadOnlyList<DevelopmentPerson> All => people;

    public DevelopmentPerson? Find(string? profile) => people.FirstOrDefault(p => p.Profile == profile);

    public static DevelopmentPeople Load(string path)
    {
        var people = new List<DevelopmentPerson>();
        foreach (var (line, number) in File.ReadLines(path).Select((line, index) => (line, index + 1)))
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var fields = line.Split('\t');
            if (fields.Length is < 5 or > 6 || !RoleNames.TryParse(fields[4], out var role))
                throw new FormatException($"{path}, line {number}: expected profile, person id, name, organisation, a role and optionally a commissioner, tab-separated.");
            var commissioner = fields.Length == 6 && fields[5].Length > 0 ? fields[5] : null;
            people.Add(new DevelopmentPerson(fields[0], new Caller(fields[1], fields[2], fields[3], commissioner, new HashSet<Role> { role })));
        }
        return new DevelopmentPeople(people);
    }
}
