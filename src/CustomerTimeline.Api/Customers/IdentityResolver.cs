using CustomerTimeline.Api.Connectors;
using CustomerTimeline.Api.Data;

namespace CustomerTimeline.Api.Customers;

/// <summary>
/// Deterministic identity resolution. <see cref="NormalizeKeys"/> turns a record's raw keys into stored form;
/// <see cref="BeginPage"/> starts the resolution of one page of records, done in a batch: one query for every
/// key of the page, one for their customers, then the page's records are linked in order in memory.
/// </summary>
public sealed class IdentityResolver(IdentityNormalizer normalizer, TimeProvider time)
{
    /// <summary>
    /// Normalized, de-duplicated keys of a record, in the order given. Keys that do not normalize are dropped.
    /// A Matomo user id that is an email address also yields the email key; a person's email and phone are keys too.
    /// </summary>
    public IReadOnlyList<NormalizedKey> NormalizeKeys(IEnumerable<IdentityKey> keys, string? email = null, string? phone = null)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var result = new List<NormalizedKey>();
        void Add(IdentityKind kind, string? value)
        {
            if (value is null || value.Length > 320) return;
            var key = new NormalizedKey(kind, value);
            if (!result.Contains(key)) result.Add(key);
        }

        foreach (var key in keys)
        {
            switch (key.Kind)
            {
                case IdentityKind.Email:
                    Add(IdentityKind.Email, IdentityNormalizer.NormalizeEmail(key.Value));
                    break;
                case IdentityKind.Phone:
                    Add(IdentityKind.Phone, normalizer.NormalizePhone(key.Value));
                    break;
                case IdentityKind.MatomoUserId:
                    Add(IdentityKind.MatomoUserId, IdentityNormalizer.NormalizeExternalId(EventSource.Matomo, key.Value));
                    Add(IdentityKind.Email, IdentityNormalizer.NormalizeEmail(key.Value));
                    break;
                default:
                    Add(key.Kind, IdentityNormalizer.NormalizeExternalId(SourceOf(key.Kind), key.Value));
                    break;
            }
        }
        Add(IdentityKind.Email, IdentityNormalizer.NormalizeEmail(email));
        Add(IdentityKind.Phone, normalizer.NormalizePhone(phone));
        return result;
    }

    /// <summary>
    /// A source's person as profile data in stored form; an unreadable phone is left out. Null when the record holds
    /// keys only (a CRM contact merged into another), which must not make its time the profile's.
    /// </summary>
    public PersonProfile? ProfileOf(SourcePerson person)
    {
        ArgumentNullException.ThrowIfNull(person);
        if (person is { DisplayName: null, Email: null, Phone: null, Company: null }) return null;
        return new PersonProfile(person.DisplayName, IdentityNormalizer.NormalizeEmail(person.Email),
            normalizer.NormalizePhone(person.Phone), person.Company, person.UpdatedAt);
    }

    /// <summary>Starts resolving one page; the caller adds records, resolves, saves, then completes merges.</summary>
    public PageIdentities BeginPage(TimelineDbContext db, EventSource source) =>
        new(db, source, time.GetUtcNow());

    public static EventSource SourceOf(IdentityKind kind) => kind switch
    {
        IdentityKind.DataverseContactId => EventSource.Dataverse,
        IdentityKind.ZendeskUserId => EventSource.Zendesk,
        IdentityKind.MatomoVisitorId or IdentityKind.MatomoUserId => EventSource.Matomo,
        IdentityKind.TypeformRespondentId => EventSource.Typeform,
        _ => EventSource.Dataverse, // emails and phones are not vendor ids; normalized elsewhere
    };
}
