using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.GraphQLServer;
using CustomerTimeline.Api.Insights;
using CustomerTimeline.Api.Journey;
using CustomerTimeline.Api.Relay;
using CustomerTimeline.Api.Security;
using GraphQL;
using GraphQL.DataLoader;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerTimeline.Api.Customers;

public static class CustomerQueries
{
    private const string CursorType = "CustomerCursor";

    public static void AddCustomerQueries(this ObjectGraphType query)
    {
        query.Field<CustomerGraphType>("customer")
            .Description("A customer by global id. The id of a customer merged into another gives that other customer (whose id differs: compare them to notice the merge). Null when it does not exist or was erased.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Resolve(ctx => ctx.RequestServices!.GetRequiredService<CustomerByIdLoader>()
                .LoadFollowingMerges(GlobalId.Expect(ctx.GetArgument<string>("id"), GlobalId.CustomerType)));

        query.Field<NonNullGraphType<CustomerConnectionGraphType>>("customers")
            .Description("Customers in a stable order, optionally matching a search on name, email or company, and a segment of their insights (a work queue: priority customers in onboarding, say).")
            .Argument<StringGraphType>("search",
                "Text contained in the name, primary email or company, ignoring case and accents. Without the PII-read or privacy-manage permission, in the company only (docs/security.md).")
            .Argument<IntGraphType>("first", "Page size, 0-100 (default 20).")
            .Argument<StringGraphType>("after", "Cursor of the edge to continue after.")
            .Argument<CustomerFilterInputGraphType>("filter", "Only customers in this segment of their insights (stage, score band, priority, repeated problem, open signal).")
            .ResolveAsync(async ctx => await SearchAsync(ctx));

        query.Field<CustomerGraphType>("customerByIdentity")
            .Description("The customer owning one key: an email, a phone number, or a source's external id. Inputs are normalized like stored keys. "
                + "Looking up by email or phone (an external id holding an email included) needs the PII-read or privacy-manage permission; without them a Matomo id matches visitor ids only (docs/security.md). "
                + "A phone number several customers carry (a company's switchboard) names none of them: null, with an AMBIGUOUS_IDENTITY error listing them in extensions.customerIds.")
            .Argument<StringGraphType>("email")
            .Argument<StringGraphType>("phone", "Any common format; numbers without a country code use Identity:DefaultRegion.")
            .Argument<EnumerationGraphType<EventSource>>("source")
            .Argument<StringGraphType>("externalId", "The source's own id (Dataverse contact id, Zendesk user id, Matomo visitor or user id, Typeform respondent).")
            .ResolveAsync(async ctx => await ByIdentityAsync(ctx));
    }

    private static async Task<object?> SearchAsync(IResolveFieldContext ctx)
    {
        var db = ctx.RequestServices!.GetRequiredService<TimelineDbContext>();
        var page = PageArguments.From(ctx);
        var first = page.Size;
        var after = page.Cursor;
        var afterId = after is null ? 0 : GlobalId.Expect(after, CursorType, "after");

        var raw = ctx.GetArgument<string?>("search");
        if (raw is { Length: > 200 })
            throw new UserInputError("'search' must be at most 200 characters.");
        var search = raw is null ? null : CustomerSearch.Fold(raw);
        var filtered = db.Customers.AsQueryable();
        if (!string.IsNullOrEmpty(search))
        {
            // Matching names or emails for a caller who sees them masked would let it read them back a letter at a
            // time: it matches the company part, before the separator.
            const string separator = CustomerSearch.Separator;
            filtered = RequestSecurity.Of(ctx).Caller.MayMatchPersonalData
                ? filtered.Where(c => c.SearchText.Contains(search))
                : filtered.Where(c => (c.SearchText.IndexOf(separator) > 0
                    ? c.SearchText.Substring(0, c.SearchText.IndexOf(separator))
                    : "").Contains(search));
        }

        var services = ctx.RequestServices!;
        if (CustomerFilter.Validate(ctx.GetArgument<CustomerFilter?>("filter"), services.GetRequiredService<JourneyMapStore>().Current.StageOrder,
                services.GetRequiredService<AutomationRuleSet>().SignalKinds) is { } segment)
            filtered = segment.Apply(filtered, db.CustomerSummaries(), db.CustomerSignals(), services.GetRequiredService<IOptions<ExperienceOptions>>().Value);

        var rows = await filtered.Where(c => c.Id > afterId).OrderBy(c => c.Id).Take(first + 1)
            .ToListAsync(ctx.CancellationToken);
        var hasNext = rows.Count > first;
        var edges = rows.Take(first).Select(c => new Edge<Customer>(GlobalId.Encode(CursorType, c.Id), c)).ToList();
        var pageInfo = new PageInfo(hasNext, after is not null, edges.FirstOrDefault()?.Cursor, edges.LastOrDefault()?.Cursor);
        return new Connection<Customer>(edges, pageInfo,
            () => new DeferredCount(ct => filtered.CountAsync(ct)));
    }

    private static async Task<object?> ByIdentityAsync(IResolveFieldContext ctx)
    {
        var email = ctx.GetArgument<string?>("email");
        var phone = ctx.GetArgument<string?>("phone");
        var source = ctx.GetArgument<EventSource?>("source");
        var externalId = ctx.GetArgument<string?>("externalId");

        var given = (email is not null ? 1 : 0) + (phone is not null ? 1 : 0) + (source is not null || externalId is not null ? 1 : 0);
        if (given != 1)
            throw new UserInputError("Pass exactly one of 'email', 'phone', or 'source' with 'externalId'.");

        var mayMatch = RequestSecurity.Of(ctx).Caller.MayMatchPersonalData;
        // An external id with an '@' is an email too (a Matomo login, a Typeform respondent keyed by email).
        var byEmail = email is not null || externalId?.Contains('@', StringComparison.Ordinal) == true;
        if ((byEmail || phone is not null) && !mayMatch)
        {
            // The answer would tell a caller who may not see emails or phones whose they are.
            var options = ctx.RequestServices!.GetRequiredService<IOptions<TimelineAuthOptions>>().Value;
            throw new ForbiddenError($"{options.NameOf(Access.PiiRead)} or {options.NameOf(Access.PrivacyManage)}",
                $"Looking a customer up by {(byEmail ? "email" : "phone")}");
        }

        (IdentityKind[] Kinds, string Value) key;
        if (email is not null)
        {
            key = ([IdentityKind.Email], IdentityNormalizer.NormalizeEmail(email)
                ?? throw new UserInputError("'email' is not a valid email address."));
        }
        else if (phone is not null)
        {
            var normalizer = ctx.RequestServices!.GetRequiredService<IdentityNormalizer>();
            key = ([IdentityKind.Phone], normalizer.NormalizePhone(phone)
                ?? throw new UserInputError("'phone' is not a valid phone number."));
        }
        else
        {
            if (source is null || externalId is null)
                throw new UserInputError("'source' and 'externalId' go together.");
            var id = IdentityNormalizer.NormalizeExternalId(source.Value, externalId)
                ?? throw new UserInputError("'externalId' must be a non-empty id of at most 320 characters.");
            // Only the keys a masked caller could also read: a Matomo id matches visitor ids, not user ids (logins).
            var kinds = mayMatch ? IdentityNormalizer.KindsFor(source.Value)
                : [.. IdentityNormalizer.KindsFor(source.Value).Where(k => !PiiMask.IsPersonalKey(k, id))];
            key = (kinds, id);
        }

        var db = ctx.RequestServices!.GetRequiredService<TimelineDbContext>();
        var keyKinds = key.Kinds;
        var value = key.Value;
        var customerId = await db.Identities
            .Where(i => keyKinds.Contains(i.Kind) && i.Value == value)
            .Select(i => (long?)i.CustomerId)
            .FirstOrDefaultAsync(ctx.CancellationToken);
        if (customerId is { } owner && phone is not null) await RefuseSharedPhoneAsync(db, owner, value, ctx.CancellationToken);
        return customerId is null
            ? null
            : await db.Customers.FirstOrDefaultAsync(c => c.Id == customerId, ctx.CancellationToken);
    }

    /// <summary>
    /// A phone key has one owner, but other customers (other people in the CRM or the helpdesk) may carry the same
    /// number: then it identifies none of them.
    /// </summary>
    private static async Task RefuseSharedPhoneAsync(TimelineDbContext db, long owner, string phone, CancellationToken ct)
    {
        var others = db.Customers.Where(c => c.Phone == phone && c.Id != owner);
        var listed = await others.OrderBy(c => c.Id).Select(c => c.Id).Take(SharedPhoneError.MaxListed - 1).ToListAsync(ct);
        if (listed.Count == 0) return;
        var total = listed.Count < SharedPhoneError.MaxListed - 1 ? listed.Count : await others.CountAsync(ct);
        throw new SharedPhoneError([owner, .. listed], total + 1);
    }
}
