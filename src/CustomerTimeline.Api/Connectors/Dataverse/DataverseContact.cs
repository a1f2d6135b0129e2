using System.Text.Json.Serialization;

namespace CustomerTimeline.Api.Connectors.Dataverse;

/// <summary>The contact columns we select.</summary>
public sealed record DataverseContact(
    [property: JsonPropertyName("contactid")] Guid ContactId,
    [property: JsonPropertyName("fullname")] string? FullName,
    [property: JsonPropertyName("emailaddress1")] string? EmailAddress1,
    [property: JsonPropertyName("telephone1")] string? Telephone1,
    [property: JsonPropertyName("mobilephone")] string? MobilePhone,
    [property: JsonPropertyName("jobtitle")] string? JobTitle,
    [property: JsonPropertyName("_parentcustomerid_value@OData.Community.Display.V1.FormattedValue")] string? CompanyName,
    [property: JsonPropertyName("merged")] bool? Merged,
    [property: JsonPropertyName("_masterid_value")] Guid? MasterId,
    [property: JsonPropertyName("createdon")] DateTimeOffset? CreatedOn,
    [property: JsonPropertyName("modifiedon")] DateTimeOffset? ModifiedOn);
