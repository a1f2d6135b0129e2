using System.Globalization;
using System.Text.Json;
using CustomerTimeline.Api.Data;

namespace CustomerTimeline.Api.Connectors.Dataverse;

/// <summary>Pure mapping of Dataverse rows (contacts, activitypointers, annotations) to timeline records.</summary>
public static class DataverseMapper
{
    /// <summary>A contact is a person (profile and keys) and, at each modification, a ContactChange event.</summary>
    public static IReadOnlyList<SourceRecord> MapContact(JsonElement raw)
    {
        var recordId = RawRecords.RecordId(raw, "contactid", "contact-");
        var updatedAt = RawRecords.Timestamp(raw, "modifiedon");
        var contact = ConnectorJson.ReadRecord<DataverseContact>(raw, out var error);
        if (contact is null) return [RawRecords.Unmappable(raw, recordId, updatedAt, error ?? "Empty contact row.")];
        if (contact.ContactId == Guid.Empty) return [RawRecords.Unmappable(raw, recordId, updatedAt, "The contact has no contactid.")];
        if (contact.ModifiedOn is not { } modifiedOn) return [RawRecords.Unmappable(raw, recordId, updatedAt, "The contact has no modifiedon.")];

        var id = Id(contact.ContactId);
        var keys = new List<IdentityKey> { new(IdentityKind.DataverseContactId, id) };
        if (!string.IsNullOrWhiteSpace(contact.EmailAddress1)) keys.Add(new(IdentityKind.Email, contact.EmailAddress1));
        if (!string.IsNullOrWhiteSpace(contact.Telephone1)) keys.Add(new(IdentityKind.Phone, contact.Telephone1));
        if (!string.IsNullOrWhiteSpace(contact.MobilePhone)) keys.Add(new(IdentityKind.Phone, contact.MobilePhone));

        // Merged into another in the CRM (deactivated, pointing at its master): its keys and the master's id in one
        // record, so identity resolution merges the two customers too ("matched by DATAVERSE_CONTACT_ID"). No profile:
        // the master's row holds the person's data now.
        if (contact.Merged == true && contact.MasterId is { } master && master != Guid.Empty && master != contact.ContactId)
        {
            keys.Add(new(IdentityKind.DataverseContactId, Id(master)));
            return [new SourcePerson("contact-" + id, modifiedOn, keys, null, null, null, null),
                ContactChange(id, modifiedOn, "Contact merged into another in the CRM", new(["merged", "masterid"], contact.JobTitle, null))];
        }

        var created = contact.CreatedOn is { } createdOn && createdOn == modifiedOn;
        // Without auditing the API does not say which columns changed; a creation sets the populated ones.
        var changed = created ? Populated(contact) : [];
        var person = new SourcePerson("contact-" + id, modifiedOn, keys, contact.FullName, contact.EmailAddress1,
            contact.Telephone1 ?? contact.MobilePhone, contact.CompanyName);
        return [person, ContactChange(id, modifiedOn, created ? "Contact created in the CRM" : "Contact updated in the CRM",
            new(changed, contact.JobTitle, null))];
    }

    /// <summary>A contact's row at one modification, as its own timeline event.</summary>
    private static SourceEvent ContactChange(string id, DateTimeOffset modifiedOn, string title, ContactChangeDetails details) => new(
        $"contact-{id}-change-{modifiedOn.UtcDateTime.ToString("yyyyMMddTHHmmssZ", CultureInfo.InvariantCulture)}",
        modifiedOn,
        [new(IdentityKind.DataverseContactId, id)],
        EventKind.ContactChange,
        modifiedOn,
        Channel.Crm,
        title,
        null,
        details);

    /// <summary>The activities' <c>statecode</c> Canceled (Open 0, Completed 1, Canceled 2, Scheduled 3).</summary>
    private const int CanceledState = 2;

    public static SourceRecord MapActivity(JsonElement raw)
    {
        var recordId = RawRecords.RecordId(raw, "activityid", "activity-");
        var updatedAt = RawRecords.Timestamp(raw, "modifiedon");
        var activity = ConnectorJson.ReadRecord<DataverseActivity>(raw, out var error);
        if (activity is null) return RawRecords.Unmappable(raw, recordId, updatedAt, error ?? "Empty activity row.");
        if (activity.ActivityId == Guid.Empty) return RawRecords.Unmappable(raw, recordId, updatedAt, "The activity has no activityid.");
        if (activity.ModifiedOn is not { } modifiedOn) return RawRecords.Unmappable(raw, recordId, updatedAt, "The activity has no modifiedon.");
        // A canceled call or meeting did not happen: it leaves the timeline if it was stored while planned.
        if (activity.StateCode == CanceledState) return new SourceDeletion("activity-" + Id(activity.ActivityId), modifiedOn);

        // The contact it is regarding, else the contacts among its parties (an email regarding an account
        // still belongs on the timeline of the contact it was sent to).
        var contacts = new List<Guid>();
        if (activity.RegardingObjectType == "contact" && activity.RegardingObjectId is { } regarding) contacts.Add(regarding);
        contacts.AddRange((activity.Parties ?? [])
            .Where(p => p.PartyType == "contact" && p.PartyId is not null)
            .Select(p => p.PartyId!.Value));
        if (contacts.Count == 0)
            return RawRecords.Unmappable(raw, recordId, updatedAt, "The activity is regarding no contact and has no contact party.");

        var type = activity.ActivityTypeCode ?? "activity";
        var occurredAt = activity.ActualEnd ?? activity.ActualStart ?? activity.ScheduledStart ?? activity.CreatedOn ?? modifiedOn;
        var subject = string.IsNullOrWhiteSpace(activity.Subject) ? $"({type})" : activity.Subject;
        var title = subject;
        // A meeting or task planned for later has not happened: dated when it was planned, not at the top of the
        // timeline ahead of everything that did (nor as recent engagement to the score and the stall rule). Once done,
        // its row changes and it moves to when it happened.
        if (occurredAt > modifiedOn)
        {
            title = $"Planned for {occurredAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}: {subject}";
            occurredAt = activity.CreatedOn is { } planned && planned <= modifiedOn ? planned : modifiedOn;
        }
        var body = HtmlText.ToPlain(activity.Description);
        return new SourceEvent(
            "activity-" + Id(activity.ActivityId),
            modifiedOn,
            contacts.Distinct().Select(c => new IdentityKey(IdentityKind.DataverseContactId, Id(c))).ToList(),
            EventKind.CrmActivity,
            occurredAt,
            ChannelOf(type),
            title,
            RawRecords.Excerpt(body),
            new CrmActivityDetails(type, subject, Direction(type, activity.Parties), body, activity.ActualDurationMinutes,
                activity.OwnerName));
    }

    /// <summary>activityparty <c>participationtypemask</c>: the sender, and the To, Cc and Bcc recipients.</summary>
    private const int Sender = 1, ToRecipient = 2, CcRecipient = 3, BccRecipient = 4;

    /// <summary>
    /// Incoming when a contact sent the email or placed the call, Outgoing when contacts only received it: what the
    /// text analysis needs to read the customer's words and not the agent's. activitypointer has no
    /// <c>directioncode</c> (email and phonecall do); the parties say the same. Null for meetings, tasks and
    /// activities without contact parties.
    /// </summary>
    private static string? Direction(string type, IReadOnlyList<DataverseActivityParty>? parties)
    {
        if (type is not ("email" or "phonecall") || parties is null) return null;
        var masks = parties.Where(p => p.PartyType == "contact").Select(p => p.ParticipationTypeMask).ToList();
        if (masks.Contains(Sender)) return "Incoming";
        return masks.Any(m => m is ToRecipient or CcRecipient or BccRecipient) ? "Outgoing" : null;
    }

    public static SourceRecord MapNote(JsonElement raw)
    {
        var recordId = RawRecords.RecordId(raw, "annotationid", "note-");
        var updatedAt = RawRecords.Timestamp(raw, "modifiedon");
        var note = ConnectorJson.ReadRecord<DataverseNote>(raw, out var error);
        if (note is null) return RawRecords.Unmappable(raw, recordId, updatedAt, error ?? "Empty note row.");
        if (note.AnnotationId == Guid.Empty) return RawRecords.Unmappable(raw, recordId, updatedAt, "The note has no annotationid.");
        if (note.ModifiedOn is not { } modifiedOn) return RawRecords.Unmappable(raw, recordId, updatedAt, "The note has no modifiedon.");
        if (note.ObjectTypeCode != "contact" || note.ObjectId is not { } contactId)
            return RawRecords.Unmappable(raw, recordId, updatedAt, "The note is not attached to a contact.");

        var subject = string.IsNullOrWhiteSpace(note.Subject) ? "Note" : note.Subject;
        var text = HtmlText.ToPlain(note.NoteText);
        return new SourceEvent(
            "note-" + Id(note.AnnotationId),
            modifiedOn,
            [new(IdentityKind.DataverseContactId, Id(contactId))],
            EventKind.CrmActivity,
            note.CreatedOn ?? modifiedOn,
            Channel.Note,
            subject,
            RawRecords.Excerpt(text),
            new CrmActivityDetails("note", subject, null, text, null, note.OwnerName));
    }

    /// <summary><c>activitytypecode</c> logical names to timeline channels.</summary>
    public static Channel ChannelOf(string activityType) => activityType switch
    {
        "email" or "letter" => Channel.Email,
        "phonecall" or "fax" => Channel.Phone,
        "appointment" or "recurringappointmentmaster" or "serviceappointment" => Channel.Meeting,
        "task" => Channel.Task,
        "socialactivity" => Channel.Social,
        "msdyn_ocliveworkitem" or "chat" => Channel.Chat,
        _ => Channel.Crm,
    };

    private static string Id(Guid id) => id.ToString("D", CultureInfo.InvariantCulture);

    private static List<string> Populated(DataverseContact c)
    {
        var fields = new List<string>();
        if (c.FullName is not null) fields.Add("fullname");
        if (c.EmailAddress1 is not null) fields.Add("emailaddress1");
        if (c.Telephone1 is not null) fields.Add("telephone1");
        if (c.MobilePhone is not null) fields.Add("mobilephone");
        if (c.JobTitle is not null) fields.Add("jobtitle");
        if (c.CompanyName is not null) fields.Add("parentcustomerid");
        return fields;
    }
}
