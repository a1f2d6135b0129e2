using GraphQL.Builders;
using GraphQL.Types;

namespace CustomerTimeline.Api.Security;

/// <summary>
/// Field metadata the <see cref="FieldAuthorizationVisitor"/> turns into enforcement. Declared on the object
/// type's field, it holds on every path that reaches the field: direct, connections, node, fragments.
/// </summary>
public static class FieldSecurity
{
    internal const string PermissionKey = "customerTimeline.requires";
    internal const string PiiKey = "customerTimeline.pii";

    /// <summary>The field answers FORBIDDEN unless the caller holds the permission.</summary>
    public static FieldBuilder<TSource, TReturn> RequirePermission<TSource, TReturn>(
        this FieldBuilder<TSource, TReturn> field, Access permission)
    {
        ArgumentNullException.ThrowIfNull(field);
        field.FieldType.AddRequiredPermission(permission);
        return field;
    }

    /// <summary>The field carries personal data: masked unless the caller holds Customer.Pii.Read.</summary>
    public static FieldBuilder<TSource, TReturn> Pii<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field, PiiKind kind)
    {
        ArgumentNullException.ThrowIfNull(field);
        field.FieldType.Metadata[PiiKey] = kind;
        // The SDL tells clients which fields may come back masked.
        field.FieldType.Description = $"{field.FieldType.Description} Personal data: masked without the PII-read permission (docs/security.md).".TrimStart();
        return field;
    }

    internal static void AddRequiredPermission(this FieldType field, Access permission)
    {
        var required = RequiredPermissions(field);
        if (!required.Contains(permission))
            field.Metadata[PermissionKey] = required.Append(permission).ToArray();
    }

    internal static Access[] RequiredPermissions(FieldType field) =>
        field.Metadata.TryGetValue(PermissionKey, out var value) && value is Access[] permissions ? permissions : [];

    internal static PiiKind? PiiKindOf(FieldType field) =>
        field.Metadata.TryGetValue(PiiKey, out var value) && value is PiiKind kind ? kind : null;
}
