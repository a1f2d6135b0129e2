using System.Text.Json.Serialization;

namespace CustomerTimeline.Api.Connectors.Dataverse;

/// <summary>A sender, recipient or attendee of an activity; <c>participationtypemask</c> 1 = from, 2 = to, 5 = required attendee...</summary>
public sealed record DataverseActivityParty(
    [property: JsonPropertyName("_partyid_value")] Guid? PartyId,
    [property: JsonPropertyName("_partyid_value@Microsoft.Dynamics.CRM.lookuplogicalname")] string? PartyType,
    [property: JsonPropertyName("participationtypemask")] int? ParticipationTypeMask);
