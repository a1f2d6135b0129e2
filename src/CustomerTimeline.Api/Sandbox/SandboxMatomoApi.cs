using System.Globalization;

namespace CustomerTimeline.Api.Sandbox;

/// <summary>
/// Matomo's Reporting API, <c>Live.getLastVisitsDetails</c> only, POSTed as a form with <c>token_auth</c> in the
/// body (a token in the URL is refused): <c>idSite</c>, <c>minTimestamp</c> (exclusive, on the last action),
/// <c>filter_limit</c> (-1: all), <c>filter_offset</c>, <c>filter_sort_order</c>, <c>format=JSON</c>. Errors come
/// back as Matomo sends them: HTTP 200 with <c>{"result":"error","message":...}</c>.
/// </summary>
internal static class SandboxMatomoApi
{
    public static void Map(RouteGroupBuilder group) => group.MapPost("/index.php", CallAsync);

    private static async Task<IResult> CallAsync(HttpRequest request, SandboxDataStore store)
    {
        if (request.Query.ContainsKey("token_auth"))
            return Failure("token_auth must be sent in the POST body, never in the URL.");
        if (!request.HasFormContentType) return Failure("The request must be a form POST.");
        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted).ConfigureAwait(false);
        if (form["token_auth"].ToString() != SandboxCredentials.MatomoTokenAuth)
            return Failure("You can't access this resource as it requires 'view' access for the website id = 1. Check token_auth.");
        if (form["module"].ToString() != "API" || form["method"].ToString() != "Live.getLastVisitsDetails")
            return Failure("The sandbox answers module=API&method=Live.getLastVisitsDetails only.");
        if (!string.Equals(form["format"].ToString(), "JSON", StringComparison.OrdinalIgnoreCase))
            return Failure("The sandbox answers format=JSON only.");
        if (form["idSite"].ToString() != SandboxCredentials.MatomoSiteId.ToString(CultureInfo.InvariantCulture))
            return Failure("An unexpected website was found in the request: website id was set to '" + form["idSite"] + "'.");
        if (!Integer(form["minTimestamp"].ToString(), long.MinValue, out var min)
            || !Integer(form["filter_limit"].ToString(), 100, out var limit) || limit < -1
            || !Integer(form["filter_offset"].ToString(), 0, out var offset) || offset < 0)
            return Failure("minTimestamp, filter_limit and filter_offset must be integers.");
        var order = form["filter_sort_order"].ToString() is { Length: > 0 } o ? o : "desc";
        if (order is not ("asc" or "desc")) return Failure("filter_sort_order must be asc or desc.");

        var visits = store.Dataset.MatomoVisits;
        IEnumerable<SandboxRecord> matching = visits.Skip(min == long.MinValue ? 0 : SandboxRecord.From(visits, min + 1));
        if (order == "desc") matching = matching.Reverse();
        matching = matching.Skip((int)Math.Min(offset, int.MaxValue));
        if (limit >= 0) matching = matching.Take((int)Math.Min(limit, int.MaxValue));
        var page = matching.ToList();
        return SandboxJson.Write(w =>
        {
            w.WriteStartArray();
            foreach (var visit in page) w.WriteRawValue(visit.Json, skipInputValidation: true);
            w.WriteEndArray();
        });
    }

    private static bool Integer(string raw, long fallback, out long value)
    {
        value = fallback;
        return raw.Length == 0 || long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    private static IResult Failure(string message) => SandboxJson.Error(200, ("result", "error"), ("message", message));
}
