namespace CustomerTimeline.Api.Connectors.Dataverse;

/// <summary>How one stream queries its entity set.</summary>
internal sealed record DataverseStream(string Name, string EntitySet, string IdColumn, string Select, string? Expand, string? Filter)
{
    public static readonly DataverseStream Contacts = new(
        "contacts", "contacts", "contactid",
        "contactid,fullname,firstname,lastname,emailaddress1,telephone1,mobilephone,jobtitle,_parentcustomerid_value,merged,_masterid_value,createdon,modifiedon",
        null, null);

    /// <summary>
    /// activitypointers covers every activity type (email, phonecall, appointment, task...) in one incremental
    /// query; the parties are expanded to find the contact when the activity is regarding an account.
    /// </summary>
    public static readonly DataverseStream Activities = new(
        "activities", "activitypointers", "activityid",
        "activityid,activitytypecode,subject,description,_regardingobjectid_value,statecode,actualdurationminutes,actualstart,actualend,scheduledstart,_ownerid_value,createdon,modifiedon",
        "activity_pointer_activity_parties($select=_partyid_value,participationtypemask)", null);

    /// <summary>Notes are annotations, not activities; only those attached to contacts.</summary>
    public static readonly DataverseStream Notes = new(
        "notes", "annotations", "annotationid",
        "annotationid,subject,notetext,_objectid_value,objecttypecode,_ownerid_value,createdon,modifiedon",
        null, "objecttypecode eq 'contact'");
}
