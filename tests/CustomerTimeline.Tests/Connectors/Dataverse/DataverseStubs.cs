using System.Text.Json;
using CustomerTimeline.Api.Connectors.Dataverse;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace CustomerTimeline.Tests.Connectors.Dataverse;

/// <summary>The WireMock organization's answers: the incremental read, and the deletion sweep's two questions.</summary>
internal static class DataverseStubs
{
    /// <summary>The incremental read (it orders by modifiedon): these rows, whatever the watermark (the connector skips those it read).</summary>
    public static void Listing(WireMockServer server, string entitySet, params object[] rows) =>
        server.Given(Request.Create().WithPath("/api/data/v9.2/" + entitySet).WithParam(Uri.EscapeDataString("$orderby")).UsingGet())
            .AtPriority(1)
            .RespondWith(Json(200, new { value = rows }));

    /// <summary>The existence check (<c>$select</c> of the id, whatever ids are asked for): the rows Dataverse still has.</summary>
    public static void Existing(WireMockServer server, string entitySet, string idColumn, params string[] ids) =>
        server.Given(Request.Create().WithPath("/api/data/v9.2/" + entitySet).WithParam(Uri.EscapeDataString("$select"), idColumn).UsingGet())
            .AtPriority(2)
            .RespondWith(Json(200, new { value = ids.Select(id => new Dictionary<string, string> { [idColumn] = id }) }));

    /// <summary>A row asked for by id that does not exist: Dataverse's 404 ObjectDoesNotExist.</summary>
    public static void Gone(WireMockServer server, string entitySet, string id) =>
        Single(server, entitySet, id, 404, new { error = new { code = DataverseDeletionSweep.DoesNotExistCode, message = $"{entitySet} With Id = {id} Does Not Exist" } });

    /// <summary>The answer to one row asked for by id.</summary>
    public static void Single(WireMockServer server, string entitySet, string id, int status, object body) =>
        server.Given(Request.Create().WithPath($"/api/data/v9.2/{entitySet}({id})").UsingGet())
            .RespondWith(Json(status, body));

    private static IResponseBuilder Json(int status, object body) =>
        Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(JsonSerializer.Serialize(body));
}
