using System.Text.Json.Serialization;

namespace CustomerTimeline.Api.Connectors.Dataverse;

/// <summary>The activitypointer columns we select, with the lookup annotations Dataverse adds on request.</summary>
public sealed record DataverseActivity(
    [property: JsonPropertyName("activityid")] Guid ActivityId,
    [property: JsonPropertyName("activitytypecode")] string? ActivityTypeCode,
    [property: JsonPropertyName("subject")] string? Subject,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("_regardingobjectid_value")] Guid? RegardingObjectId,
    [property: JsonPropertyName("_regardingobjectid_value@Microsoft.Dynamics.CRM.lookuplogicalname")] string? RegardingObjectType,
    [property: JsonPropertyName("statecode")] int? StateCode,
    [property: JsonPropertyName("actualdurationminutes")] int? ActualDurationMinutes,
    [property: JsonPropertyName("actualstart")] DateTimeOffset? ActualStart,
    [property: JsonPropertyName("actualend")] DateTimeOffset? ActualEnd,
    [property: JsonPropertyName("scheduledstart")] DateTimeOffset? ScheduledStart,
    [property: JsonPropertyName("_ownerid_value@OData.Community.Display.V1.FormattedValue")] string? OwnerName,
    [property: JsonPropertyName("createdon")] DateTimeOffset? CreatedOn,
    [property: JsonPropertyName("modifiedon")] DateTimeOffset? ModifiedOn,
    [property: JsonPropertyName("activity_pointer_activity_parties")] IReadOnlyList<DataverseActivityParty>? Parties);
