using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using CustomerTimeline.Api.Sandbox;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CustomerTimeline.Tests.Sandbox;

/// <summary>The sandbox Dataverse's existence check, over HTTP, as the deletion sweep asks it.</summary>
public sealed class SandboxDataverseApiTests
{
    [Fact]
    public async Task An_id_filter_returns_the_rows_that_exist_and_only_the_selected_column()
    {
        await using var api = new SandboxApiFactory(scheduler: false);
        var root = api.Services.GetRequiredService<IOptions<SandboxOptions>>().Value.BaseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/');
        using var client = new HttpClient { BaseAddress = new Uri(root + "/sandbox/dataverse/api/data/v9.2/") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", SandboxCredentials.DataverseAccessToken);

        using var all = await GetJsonAsync(client, "contacts?$select=contactid&$filter=" + Uri.EscapeDataString("modifiedon ge 1900-01-01T00:00:00Z"));
        var ids = all.RootElement.GetProperty("value").EnumerateArray().Select(r => r.GetProperty("contactid").GetString()!).Take(2).ToList();
        const string missing = "0f000000-0000-4000-8000-0000000000ff";
        var filter = string.Join(" or ", ids.Append(missing).Select(id => "contactid eq " + id.ToUpperInvariant()));

        using var found = await GetJsonAsync(client, "contacts?$select=contactid&$filter=" + Uri.EscapeDataString(filter));

        var rows = found.RootElement.GetProperty("value").EnumerateArray().ToList();
        rows.Select(r => r.GetProperty("contactid").GetString()).ShouldBe(ids, ignoreOrder: true);
        rows.ShouldAllBe(r => r.EnumerateObject().All(p => p.Name == "contactid" || p.Name.StartsWith('@')));

        using var wrongColumn = await client.GetAsync(new Uri("contacts?$filter=" + Uri.EscapeDataString("fullname eq " + ids[0]), UriKind.Relative));
        wrongColumn.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    private static async Task<JsonDocument> GetJsonAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        response.StatusCode.ShouldBe(HttpStatusCode.OK, path);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }
}
