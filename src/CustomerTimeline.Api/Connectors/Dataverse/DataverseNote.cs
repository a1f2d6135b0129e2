using System.Text.Json.Serialization;

namespace CustomerTimeline.Api.Connectors.Dataverse;

/// <summary>The annotation (note) columns we select.</summary>
public sealed record DataverseNote(
    [property: JsonPropertyName("annotationid")] Guid AnnotationId,
    [property: JsonPropertyName("subject")] string? Subject,
    [property: JsonPropertyName("notetext")] string? NoteText,
    [property: JsonPropertyName("_objectid_value")] Guid? ObjectId,
    [property: JsonPropertyName("objecttypecode")] string? ObjectTypeCode,
    [property: JsonPropertyName("_ownerid_value@OData.Community.Display.V1.FormattedValue")] string? OwnerName,
    [property: JsonPropertyName("createdon")] DateTimeOffset? CreatedOn,
    [property: JsonPropertyName("modifiedon")] DateTimeOffset? ModifiedOn);
