using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace CustomerTimeline.Api.Sandbox;

/// <summary>
/// Dataverse Web API v9.2 over contacts, activitypointers and annotations: <c>$select</c>, <c>$filter=modifiedon ge
/// T[ and objecttypecode eq 'x']</c>, <c>$orderby=modifiedon asc,{id} asc</c>, <c>$expand</c> of the activity parties,
/// <c>Prefer: odata.maxpagesize</c> and <c>odata.include-annotations</c>, <c>@odata.nextLink</c> with a
/// <c>$skiptoken</c> paging cookie; <c>$filter={id} eq A or {id} eq B …</c> (the deletion sweep's existence check); one
/// row by id, <c>{entitySet}({id})</c> (404 <c>0x80040217</c> when it does not exist); a bearer token is required.
/// Anything else answers 400 the OData way.
/// </summary>
internal static partial class SandboxDataverseApi
{
    private const int DefaultPageSize = 5000;

    private sealed record EntitySet(string IdColumn, Func<SandboxDataset, IReadOnlyList<SandboxRecord>> Rows);

    private static readonly Dictionary<string, EntitySet> Sets = new(StringComparer.Ordinal)
    {
        ["contacts"] = new("contactid", d => d.Contacts),
        ["activitypointers"] = new("activityid", d => d.Activities),
        ["annotations"] = new("annotationid", d => d.Notes),
    };

    public static void Map(RouteGroupBuilder group) => group.MapGet("/api/data/v9.2/{entitySet}", Query);

    private static IResult Query(string entitySet, HttpRequest request, SandboxDataStore store, IOptions<SandboxOptions> options)
    {
        var auth = request.Headers.Authorization.ToString();
        if (auth != "Bearer " + SandboxCredentials.DataverseAccessToken)
            return Error(StatusCodes.Status401Unauthorized, "0x80072560", "The user is not a member of the organization (missing or invalid bearer token).");
        var single = SinglePattern().Match(entitySet);
        if (single.Success) entitySet = single.Groups["set"].Value;
        if (!Sets.TryGetValue(entitySet, out var set))
            return Error(StatusCodes.Status404NotFound, "0x80060888", $"Resource not found for the segment '{entitySet}'.");
        if (single.Success) return Retrieve(store, entitySet, set, single.Groups["id"].Value, request);

        var q = request.Query;
        var orderBy = q["$orderby"].ToString();
        if (orderBy.Length > 0 && orderBy.Replace(" ", "", StringComparison.Ordinal) != $"modifiedonasc,{set.IdColumn}asc")
            return Error(StatusCodes.Status400BadRequest, "0x80060888", $"The sandbox orders {entitySet} only by 'modifiedon asc,{set.IdColumn} asc'.");
        var byIds = IdFilter(q["$filter"].ToString(), set.IdColumn);
        var filter = FilterPattern().Match(byIds is null ? q["$filter"].ToString() : "");
        if (q["$filter"].Count > 0 && !filter.Success && byIds is null)
            return Error(StatusCodes.Status400BadRequest, "0x80060888", "The sandbox understands $filter=modifiedon ge <date>[ and objecttypecode eq '<table>'] only.");
        if (!DateTimeOffset.TryParse(filter.Success ? filter.Groups["since"].Value : "1900-01-01T00:00:00Z", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal, out var since))
            return Error(StatusCodes.Status400BadRequest, "0x80060888", "The modifiedon value in $filter is not a date.");
        var objectType = filter.Success && filter.Groups["type"].Success ? filter.Groups["type"].Value : null;

        var prefer = request.Headers["Prefer"].ToString();
        var size = MaxPageSize().Match(prefer) is { Success: true } m ? Math.Min(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), DefaultPageSize) : DefaultPageSize;
        var annotations = prefer.Contains("odata.include-annotations", StringComparison.Ordinal);

        var rows = set.Rows(store.Dataset);
        var start = SandboxRecord.From(rows, since.ToUnixTimeSeconds());
        var skip = SkipTokenPattern().Match(q["$skiptoken"].ToString());
        var page = 1;
        if (skip.Success)
        {
            page = int.Parse(skip.Groups["page"].Value, CultureInfo.InvariantCulture);
            start = Math.Max(start, SandboxRecord.After(rows,
                long.Parse(skip.Groups["time"].Value, CultureInfo.InvariantCulture), 0, skip.Groups["id"].Value));
        }
        else if (q["$skiptoken"].Count > 0)
        {
            return Error(StatusCodes.Status400BadRequest, "0x80060888", "The $skiptoken is not a paging cookie this organization issued.");
        }

        // objecttypecode is the only other column filtered on; every sandbox note is attached to a contact.
        IReadOnlyList<SandboxRecord> matching = byIds is not null ? [.. rows.Where(r => byIds.Contains(r.Key))]
            : objectType is null or "contact" ? rows : [];
        if (byIds is not null) start = 0;
        var taken = new List<SandboxRecord>(Math.Min(size, Math.Max(0, matching.Count - start)));
        for (var i = start; i < matching.Count && taken.Count < size; i++) taken.Add(matching[i]);
        var more = start + taken.Count < matching.Count;

        var select = Columns(q["$select"].ToString());
        var expand = ExpandPattern().Match(q["$expand"].ToString());
        var origin = options.Value.BaseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/sandbox/dataverse/api/data/v9.2/";
        string? nextLink = null;
        if (more)
        {
            var last = taken[^1];
            var cookie = $"<cookie pagenumber=\"{page + 1}\" pagingcookie=\"{last.Time}|{last.Key}\" istracking=\"False\" />";
            var next = q.Where(p => p.Key != "$skiptoken").ToDictionary(p => p.Key, p => (string?)p.Value.ToString());
            next["$skiptoken"] = cookie;
            nextLink = QueryHelpers.AddQueryString(origin + entitySet, next);
        }

        request.HttpContext.Response.Headers["Preference-Applied"] = $"odata.maxpagesize={size}" + (annotations ? ",odata.include-annotations=\"*\"" : "");
        request.HttpContext.Response.Headers["OData-Version"] = "4.0";
        return SandboxJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("@odata.context", $"{origin}$metadata#{entitySet}({string.Join(',', select ?? [])})");
            w.WriteStartArray("value");
            foreach (var record in taken)
            {
                using var row = JsonDocument.Parse(record.Json);
                WriteProjected(w, row.RootElement, select, annotations,
                    expand.Success ? (expand.Groups["nav"].Value, Columns(expand.Groups["select"].Value)) : null);
            }
            w.WriteEndArray();
            if (nextLink is not null) w.WriteString("@odata.nextLink", nextLink);
            w.WriteEndObject();
        }, "application/json; odata.metadata=minimal");
    }

    private static IResult Retrieve(SandboxDataStore store, string entitySet, EntitySet set, string id, HttpRequest request)
    {
        var record = set.Rows(store.Dataset).FirstOrDefault(r => string.Equals(r.Key, id, StringComparison.OrdinalIgnoreCase));
        if (record is null)
        {
            var table = entitySet == "activitypointers" ? "activitypointer" : entitySet.TrimEnd('s');
            return Error(StatusCodes.Status404NotFound, "0x80040217", $"{table} With Id = {id.ToLowerInvariant()} Does Not Exist");
        }
        var select = Columns(request.Query["$select"].ToString());
        request.HttpContext.Response.Headers["OData-Version"] = "4.0";
        return SandboxJson.Write(w =>
        {
            using var row = JsonDocument.Parse(record.Json);
            WriteProjected(w, row.RootElement, select, annotations: false, expand: null);
        }, "application/json; odata.metadata=minimal");
    }

    /// <summary>The ids of <c>{id} eq A or {id} eq B …</c> (unquoted GUIDs, as OData v4 writes them); null for any other filter.</summary>
    private static HashSet<string>? IdFilter(string filter, string idColumn)
    {
        if (filter.Length == 0) return null;
        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var term in filter.Split(" or ", StringSplitOptions.TrimEntries))
        {
            var match = IdTermPattern().Match(term);
            if (!match.Success || match.Groups["column"].Value != idColumn) return null;
            ids.Add(match.Groups["id"].Value);
        }
        return ids;
    }

    /// <summary>Only the selected columns (all when none), their annotations when asked for, and the expanded navigation.</summary>
    private static void WriteProjected(Utf8JsonWriter w, JsonElement row, HashSet<string>? select, bool annotations,
        (string Nav, HashSet<string>? Select)? expand)
    {
        w.WriteStartObject();
        foreach (var p in row.EnumerateObject())
        {
            if (p.Value.ValueKind == JsonValueKind.Array)
            {
                if (expand is not { } e || e.Nav != p.Name) continue;
                w.WriteStartArray(p.Name);
                foreach (var item in p.Value.EnumerateArray()) WriteProjected(w, item, e.Select, annotations, null);
                w.WriteEndArray();
                continue;
            }
            var at = p.Name.IndexOf('@', StringComparison.Ordinal);
            if (at == 0)
            {
                if (p.Name == "@odata.etag" || p.Name == "@odata.type") p.WriteTo(w);
                continue;
            }
            var column = at < 0 ? p.Name : p.Name[..at];
            if (select is not null && !select.Contains(column)) continue;
            if (at > 0 && !annotations) continue;
            p.WriteTo(w);
        }
        w.WriteEndObject();
    }

    private static HashSet<string>? Columns(string select) =>
        string.IsNullOrWhiteSpace(select) ? null : select.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);

    private static IResult Error(int status, string code, string message) => SandboxJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteStartObject("error");
        w.WriteString("code", code);
        w.WriteString("message", message);
        w.WriteEndObject();
        w.WriteEndObject();
    }, status: status);

    [GeneratedRegex(@"^\s*modifiedon ge (?<since>\S+?)(?: and objecttypecode eq '(?<type>\w+)')?\s*$")]
    private static partial Regex FilterPattern();

    [GeneratedRegex(@"^(?<column>\w+) eq (?<id>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$")]
    private static partial Regex IdTermPattern();

    [GeneratedRegex(@"^(?<set>\w+)\((?<id>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\)$")]
    private static partial Regex SinglePattern();

    [GeneratedRegex(@"odata\.maxpagesize=(\d{1,9})")]
    private static partial Regex MaxPageSize();

    [GeneratedRegex("^<cookie pagenumber=\"(?<page>\\d{1,9})\" pagingcookie=\"(?<time>-?\\d{1,19})\\|(?<id>[^\"]*)\" istracking=\"False\" />$")]
    private static partial Regex SkipTokenPattern();

    [GeneratedRegex(@"^(?<nav>\w+)(?:\(\$select=(?<select>[\w,]+)\))?$")]
    private static partial Regex ExpandPattern();
}
