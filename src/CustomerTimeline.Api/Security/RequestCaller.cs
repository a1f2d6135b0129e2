using System.Security.Claims;
using Microsoft.Extensions.Options;

namespace CustomerTimeline.Api.Security;

/// <summary>
/// The caller of one request scope, read once from its principal: a request asks three times (rate limiter,
/// endpoint authorization, GraphQL security), each of which would walk the token's claims. Kept with the scope, not
/// with the principal in a weak table: an entry per request there meant a dependent GC handle per request, and every
/// gen0 collection spent ~0.5 ms scanning them and their table's arrays (bench/README, 2026-12-02 04:38).
/// </summary>
internal sealed class RequestCaller(IOptions<TimelineAuthOptions> options)
{
    private Known? _known;

    public Caller For(ClaimsPrincipal? user)
    {
        if (_known is { } known && ReferenceEquals(known.User, user)) return known.Caller;
        var caller = Caller.From(user, options.Value);
        _known = new Known(user, caller);
        return caller;
    }

    /// <summary>The caller of this request, read from its principal once per request.</summary>
    public static Caller Of(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.RequestServices.GetRequiredService<RequestCaller>().For(http.User);
    }

    private sealed record Known(ClaimsPrincipal? User, Caller Caller);
}
