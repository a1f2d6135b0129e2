namespace CustomerTimeline.Api.Data;

/// <summary>The unified profile of one person, merged from every source.</summary>
public sealed class Customer
{
    public long Id { get; set; }
    public required string DisplayName { get; set; }
    public string? PrimaryEmail { get; set; }
    public string? Phone { get; set; }
    public string? Company { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Known only by an analytics visitor id; becomes known when a visit carries a user id that resolves.</summary>
    public bool IsAnonymous { get; set; }

    /// <summary>Source time of the newest profile data applied (name, email, phone, company); null when none yet.</summary>
    public DateTimeOffset? ProfileUpdatedAt { get; set; }

    /// <summary>Company, then name and email, folded for search (<see cref="Customers.CustomerSearch"/>).</summary>
    public string SearchText { get; set; } = "";

    /// <summary>
    /// Moved by every write that changes what the insights read of this customer (and by each insights write), so an
    /// insights refresh computed outside the write lock can check, under it, that nothing changed meanwhile.
    /// </summary>
    public long InsightsVersion { get; set; }

    public List<CustomerIdentity> Identities { get; set; } = [];

    public void RefreshSearchText() => SearchText = Customers.CustomerSearch.Text(Company, DisplayName, PrimaryEmail);
}
