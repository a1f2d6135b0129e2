using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using CustomerTimeline.Api.Sandbox;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CustomerTimeline.Tests.Sandbox;

/// <summary>The sandbox Dataverse's existence checks, over HTTP, as the deletion sweep asks them.</summary>
public sealed class SandboxDataverseApiTests
{
    [Fact]
    public async Task An_id_filter_returns_the_rows_that_exist_and_only_the_selected_column()
    {
        await using var api = new SandboxApiFactory(scheduler: false);
        using var client = Client(api);

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

    [Fact]
    public async Task A_row_by_id_is_answered_or_said_not_to_exist_the_Dataverse_way()
    {
        await using var api = new SandboxApiFactory(scheduler: false);
        using var client = Client(api);
        using var all = await GetJsonAsync(client, "activitypointers?$select=activityid");
        var id = all.RootElement.GetProperty("value")[0].GetProperty("activityid").GetString()!;

        using var row = await GetJsonAsync(client, $"activitypointers({id.ToUpperInvariant()})?$select=activityid");
        row.RootElement.GetProperty("activityid").GetString().ShouldBe(id);
        row.RootElement.EnumerateObject().ShouldAllBe(p => p.Name == "activityid" || p.Name.StartsWith('@'));

        const string missing = "0f000000-0000-4000-8000-0000000000ff";
        using var gone = await client.GetAsync(new Uri($"activitypointers({missing})?$select=activityid", UriKind.Relative));
        gone.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var error = JsonDocument.Parse(await gone.Content.ReadAsStringAsync());
        error.RootElement.GetProperty("error").GetProperty("code").GetString().ShouldBe("0x80040217");

        using var unknownSet = await client.GetAsync(new Uri($"widgets({missing})", UriKind.Relative));
        unknownSet.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var segment = JsonDocument.Parse(await unknownSet.Content.ReadAsStringAsync());
        segment.RootElement.GetProperty("error").GetProperty("code").GetString().ShouldBe("0x80060888");
    }

    /// <summary>A client of the sandbox organization's Web API, signed in as the connector is.</summary>
    private static HttpClient Client(SandboxApiFactory api)
    {
        var root = api.Services.GetRequiredService<IOptions<SandboxOptions>>().Value.BaseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/');
        var client = new HttpClient { BaseAddress = new Uri(root + "/sandbox/dataverse/api/data/v9.2/") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", SandboxCredentials.DataverseAccessToken);
        return client;
    }

    private static async Task<JsonDocument> GetJsonAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        response.StatusCode.ShouldBe(HttpStatusCode.OK, path);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }
}
