using CustomerTimeline.Api.Customers;
using CustomerTimeline.Api.Data;
using CustomerTimeline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CustomerTimeline.Tests.Customers;

/// <summary>
/// Agents type names as they hear them: "stefan" must find "Ștefan" and "helene" "Hélène", in any case, whether the
/// source sent the accents precomposed or decomposed. Rows stored before this search text are rewritten at start.
/// </summary>
public sealed class CustomerSearchTests
{
    [Theory]
    [InlineData("Ștefan Popescu", "stefan popescu")]
    [InlineData("ŞTEFAN ŢURCANU", "stefan turcanu")] // the cedilla forms Romanian text often carries
    [InlineData("Hélène Lefèvre", "helene lefevre")]
    [InlineData("He\u0301le\u0300ne", "helene")] // decomposed: e + combining accent
    [InlineData("Łukasz Żółć", "lukasz zolc")]
    [InlineData("Søren Ærø", "soren aero")]
    [InlineData("Straße", "strasse")]
    [InlineData("Nguyễn Thị Bích", "nguyen thi bich")]
    [InlineData("  Zoë¦Ana\u0001 ", "zoe ana")]
    [InlineData("alice.martin@example.com", "alice.martin@example.com")]
    public void Fold_drops_case_and_accents(string text, string folded) => CustomerSearch.Fold(text).ShouldBe(folded);

    [Fact]
    public void The_text_holds_the_company_then_the_personal_part()
    {
        var text = CustomerSearch.Text("Société Générale", "Ștefan Popescu", "stefan@example.ro");
        text.ShouldBe("societe generale¦stefan popescu stefan@example.ro");
        CustomerSearch.Text(null, "Ana", null).ShouldBe("¦ana");
        CustomerSearch.Text("A¦B", "Ana¦Bo", null).ShouldBe("a b¦ana bo"); // the separator cannot come from the data
    }

    private const string Search = "query($s: String!) { customers(first: 10, search: $s) { totalCount nodes { company } } }";

    [Fact]
    public async Task Search_ignores_accents_and_rows_stored_before_are_rewritten_at_start()
    {
        // An instance of the previous version wrote these rows; the next one to start rewrites them (a factory
        // deletes its folder when disposed, so the first stays up, like an instance behind a load balancer).
        var directory = TimelineApiFactory.NewDataDirectory();
        await using var before = new TimelineApiFactory(directory);
        await before.SeedAsync(async db =>
        {
            db.Customers.AddRange(
                Customer("Ștefan Popescu", "stefan@example.ro", "Société Générale", "ștefan popescu stefan@example.ro société générale"),
                Customer("He\u0301le\u0300ne Lefèvre", "helene@example.fr", "Crème & Co", "hélène lefèvre helene@example.fr crème & co"));
            await Task.CompletedTask;
        });

        await using var api = new TimelineApiFactory(directory);
        using var agent = api.CreateGraphQLClient([TestTokens.Read, TestTokens.PiiRead]);
        using var dashboard = api.CreateGraphQLClient([TestTokens.Read]);
        (await api.WithDbAsync(db => db.Customers.Select(c => c.SearchText).ToListAsync()))
            .ShouldBe(["societe generale¦stefan popescu stefan@example.ro", "creme & co¦helene lefevre helene@example.fr"], ignoreOrder: true);

        foreach (var text in new[] { "stefan", "ȘTEFAN", "Ştefan Popescu", "helene", "Hélène", "lefevre" })
            (await TotalAsync(agent, text)).ShouldBe(1, text);
        // A caller who sees names masked matches the company only, with the same folding.
        foreach (var text in new[] { "societe", "SOCIÉTÉ GÉNÉRALE", "creme" })
            (await TotalAsync(dashboard, text)).ShouldBe(1, text);
        foreach (var text in new[] { "stefan", "helene", "example" })
            (await TotalAsync(dashboard, text)).ShouldBe(0, text);
    }

    private static Customer Customer(string name, string email, string company, string oldSearchText) => new()
    {
        DisplayName = name,
        PrimaryEmail = email,
        Company = company,
        CreatedAt = SampleData.T0,
        UpdatedAt = SampleData.T0,
        SearchText = oldSearchText,
    };

    private static async Task<int> TotalAsync(GraphQLClient client, string text) =>
        (await client.QueryAsync(Search, new { s = text }))["customers"]!["totalCount"]!.GetValue<int>();
}
