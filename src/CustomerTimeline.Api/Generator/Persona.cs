namespace CustomerTimeline.Api.Generator;

/// <summary>Who a generated customer is: profile fields and the ids each source knows them by.</summary>
internal sealed record Persona(
    long Id,
    string FirstName,
    string LastName,
    string Email,
    string? Phone,
    string? Company,
    string Country,
    string Language,
    string JobTitle,
    string Owner,
    string DataverseContactId,
    string ZendeskUserId,
    string VisitorId,
    string TypeformRespondentId,
    string Browser,
    string Device)
{
    public string DisplayName => $"{FirstName} {LastName}";

    public bool IsFrench => Language == "fr";

    /// <summary>Fills the placeholders of a <see cref="TextPools"/> template for this customer.</summary>
    public string Fill(string template) => template
        .Replace("{first}", FirstName, StringComparison.Ordinal)
        .Replace("{company}", Company ?? (IsFrench ? "votre équipe" : "your team"), StringComparison.Ordinal)
        .Replace("{agentFirst}", Owner[..Owner.IndexOf(' ', StringComparison.Ordinal)], StringComparison.Ordinal)
        .Replace("{agent}", Owner, StringComparison.Ordinal)
        .Replace("{product}", TextPools.Product, StringComparison.Ordinal);
}
