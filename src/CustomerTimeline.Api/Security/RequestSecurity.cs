using CustomerTimeline.Api.Data;
using GraphQL;
using Microsoft.Extensions.Options;

namespace CustomerTimeline.Api.Security;

/// <summary>
/// The caller of one GraphQL request and the customers whose personal data it was shown unmasked, kept in the
/// request's user context so every resolver reads the same caller and the audit sees every read.
/// </summary>
public sealed class RequestSecurity(Caller caller, string piiPermissionName)
{
    private const string Key = "customerTimeline.security";
    private readonly HashSet<long> _piiReads = [];
    private readonly Lock _gate = new();

    public Caller Caller { get; } = caller;

    public string PiiPermissionName { get; } = piiPermissionName;

    public IReadOnlyCollection<long> PiiReads
    {
        get
        {
            lock (_gate) return [.. _piiReads];
        }
    }

    public void RecordPiiRead(object? source)
    {
        long? customerId = source switch
        {
            Customer c => c.Id,
            CustomerIdentity i => i.CustomerId,
            TimelineEvent e => e.CustomerId,
            _ => null,
        };
        if (customerId is not { } id) return;
        lock (_gate) _piiReads.Add(id);
    }

    public static void Attach(ExecutionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.UserContext[Key] = Create(options.User, options.RequestServices!);
    }

    public static RequestSecurity Of(IResolveFieldContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.UserContext.TryGetValue(Key, out var value) && value is RequestSecurity security) return security;
        security = Create(context.User, context.RequestServices!);
        context.UserContext[Key] = security;
        return security;
    }

    public static RequestSecurity? Of(IDictionary<string, object?> userContext)
    {
        ArgumentNullException.ThrowIfNull(userContext);
        return userContext.TryGetValue(Key, out var value) ? value as RequestSecurity : null;
    }

    private static RequestSecurity Create(System.Security.Claims.ClaimsPrincipal? user, IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<TimelineAuthOptions>>().Value;
        return new RequestSecurity(services.GetRequiredService<RequestCaller>().For(user), options.NameOf(Access.PiiRead));
    }
}
