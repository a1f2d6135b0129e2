using GraphQL;
using GraphQL.Resolvers;

namespace CustomerTimeline.Api.Security;

/// <summary>
/// Wraps a field's own resolver: refuses the field before it runs when a permission is missing, and masks
/// personal data after it ran when the caller may not see it (recording the read when it may).
/// </summary>
internal sealed class SecuredFieldResolver(IFieldResolver inner, Access[] required, PiiKind? pii) : IFieldResolver
{
    public ValueTask<object?> ResolveAsync(IResolveFieldContext context)
    {
        var security = RequestSecurity.Of(context);
        foreach (var permission in required)
        {
            if (!security.Caller.Has(permission))
            {
                var options = context.RequestServices!.GetRequiredService<Microsoft.Extensions.Options.IOptions<TimelineAuthOptions>>().Value;
                throw new ForbiddenError(options.NameOf(permission));
            }
        }

        // Most fields answer at once: no state machine for them (this wraps every secured field of every object).
        var resolving = inner.ResolveAsync(context);
        return resolving.IsCompletedSuccessfully
            ? new ValueTask<object?>(Protect(context, security, resolving.Result))
            : ProtectLaterAsync(context, security, resolving);
    }

    private async ValueTask<object?> ProtectLaterAsync(IResolveFieldContext context, RequestSecurity security, ValueTask<object?> resolving) =>
        Protect(context, security, await resolving.ConfigureAwait(false));

    private object? Protect(IResolveFieldContext context, RequestSecurity security, object? value)
    {
        if (pii is not { } kind || value is not string text || !PiiMask.Applies(kind, context.Source))
            return value;
        if (security.Caller.Has(Access.PiiRead))
        {
            security.RecordPiiRead(context.Source);
            return value;
        }
        return PiiMask.Mask(kind, context.Source, text, security.PiiPermissionName);
    }
}
