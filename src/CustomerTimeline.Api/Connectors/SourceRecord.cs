using CustomerTimeline.Api.Data;

namespace CustomerTimeline.Api.Connectors;

/// <summary>A change read from a source, keyed by its record id there.</summary>
public abstract record SourceRecord(string RecordId, DateTimeOffset UpdatedAt);

/// <summary>A raw identity key as the source gave it; the resolver normalizes it.</summary>
public readonly record struct IdentityKey(IdentityKind Kind, string Value);

/// <summary>A person as a source knows them (CRM contact, helpdesk user): profile data and the keys that link it.</summary>
public sealed record SourcePerson(
    string RecordId,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<IdentityKey> Keys,
    string? DisplayName,
    string? Email,
    string? Phone,
    string? Company) : SourceRecord(RecordId, UpdatedAt);

/// <summary>Something that happened, for the timeline of whoever <see cref="Keys"/> resolve to.</summary>
public sealed record SourceEvent(
    string RecordId,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<IdentityKey> Keys,
    EventKind Kind,
    DateTimeOffset OccurredAt,
    Channel Channel,
    string Title,
    string? Summary,
    EventDetails Details) : SourceRecord(RecordId, UpdatedAt)
{
    /// <summary>The record this one belongs to (a comment's ticket): deleting that one deletes this one too.</summary>
    public string? ParentRecordId { get; init; }
}

/// <summary>The source deleted the record; its event leaves the timeline, with the events whose parent it is.</summary>
public sealed record SourceDeletion(string RecordId, DateTimeOffset UpdatedAt) : SourceRecord(RecordId, UpdatedAt);

/// <summary>A record the mapper could not read: it goes to the dead-letter table with its reason and payload.</summary>
public sealed record UnmappableRecord(string RecordId, DateTimeOffset UpdatedAt, string Reason, string Payload)
    : SourceRecord(RecordId, UpdatedAt);
