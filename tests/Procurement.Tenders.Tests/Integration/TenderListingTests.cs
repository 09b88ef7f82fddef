using Procurement.Contracts.Common.V1;
using Procurement.Contracts.Tender.V1;
using Procurement.Tenders.Tests.Integration.Support;

namespace Procurement.Tenders.Tests.Integration;

public sealed class TenderListingTests : TenderServiceTestBase
{
    private async Task SeedAsync()
    {
        await CreatePublishedAsync(Drafts.JointTender("LIST-1", "Kent advocacy", "kent"));
        await CreatePublishedAsync(Drafts.JointTender("LIST-2", "Kent and Essex advocacy", "kent", "essex"));
        await CreatePublishedAsync(Drafts.JointTender("LIST-3", "Kent advocacy helpline", "kent"));
        await CreatePublishedAsync(Drafts.JointTender("LIST-4", "Essex advocacy", "essex"));
        await CreatePublishedAsync(Drafts.JointTender("LIST-5", "Kent counselling", "kent"));
        await CreateDraftAsync(Drafts.JointTender("LIST-6", "Kent advocacy (draft)", "kent"));
    }

    private async Task<(List<string> References, int Total)> ListAllAsync(ListTendersRequest request, Procurement.Identity.Caller caller)
    {
        var references = new List<string>();
        var total = -1;
        var pages = 0;
        do
        {
            var page = await Tenders.ListTendersAsync(request, As(caller));
            Assert.True(page.Tenders.Count <= request.Page.PageSize);
            references.AddRange(page.Tenders.Select(t => t.Reference));
            total = page.Page.TotalCount;
            request.Page.PageToken = page.Page.NextPageToken;
            Assert.True(++pages <= 10, "paging does not end");
        } while (request.Page.PageToken.Length > 0);
        return (references, total);
    }

    [Fact]
    public async Task Listing_filters_by_commissioner_and_text_across_pages_and_hides_drafts_from_suppliers()
    {
        await SeedAsync();
        var request = new ListTendersRequest { Commissioner = "kent", Text = "ADVOCACY", Page = new PageRequest { PageSize = 2 } };

        var first = await Tenders.ListTendersAsync(request, As(People.Supplier));
        Assert.Equal(2, first.Tenders.Count);
        Assert.Equal(3, first.Page.TotalCount);
        Assert.NotEmpty(first.Page.NextPageToken);

        var (supplierSees, total) = await ListAllAsync(request.Clone(), People.Supplier);
        Assert.Equal(3, total);
        Assert.Equal(["LIST-1", "LIST-2", "LIST-3"], supplierSees.Order());

        var (officerSees, _) = await ListAllAsync(request.Clone(), People.SevenFOfficer);
        Assert.Equal(["LIST-1", "LIST-2", "LIST-3", "LIST-6"], officerSees.Order());
    }

    [Fact]
    public async Task Listing_filters_by_status_and_matches_text_literally()
    {
        await SeedAsync();

        var drafts = await Tenders.ListTendersAsync(new ListTendersRequest { Status = TenderStatus.Draft }, As(People.SevenFOfficer));
        var wildcard = await Tenders.ListTendersAsync(new ListTendersRequest { Text = "%" }, As(People.SevenFOfficer));

        Assert.Equal(["LIST-6"], drafts.Tenders.Select(t => t.Reference));
        Assert.Empty(wildcard.Tenders);
    }
}
