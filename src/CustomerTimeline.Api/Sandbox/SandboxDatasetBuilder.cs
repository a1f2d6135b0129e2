using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Generator;

namespace CustomerTimeline.Api.Sandbox;

/// <summary>
/// Turns the generator's customers into what each vendor would hold: one Dataverse contact per customer (its
/// activities and notes from CrmActivity events), a Zendesk end-user per customer with tickets and their comments
/// (Ticket / TicketMessage events), Matomo visits (WebVisit events; anonymous ones without userId) and Typeform
/// responses (SurveyAnswer events, the respondent in hidden fields). ContactChange events have no record of their
/// own at a vendor: they are the contact row's history, of which Dataverse serves the latest version.
/// </summary>
internal static class SandboxDatasetBuilder
{
    /// <summary>
    /// The single Zendesk agent who answers every ticket: in the user export and the sideloads as Zendesk sends staff,
    /// with role "agent" (the connector does not take staff for customers).
    /// </summary>
    public const long AgentId = 361_000_000_001L;

    /// <summary>Audits are numbered apart from comments: the audit of comment n is this plus n.</summary>
    public const long AuditIdOffset = 1_000_000_000_000_000_000L;

    public static SandboxDataset Build(GeneratorOptions options)
    {
        var contacts = new List<SandboxRecord>();
        var activities = new List<SandboxRecord>();
        var notes = new List<SandboxRecord>();
        var users = new List<SandboxRecord>();
        var tickets = new List<SandboxRecord>();
        var requesters = new Dictionary<long, long>();
        var metricSets = new Dictionary<long, byte[]>();
        var liveTickets = new Dictionary<long, byte[]>();
        var ticketEvents = new List<SandboxRecord>();
        var bareTicketEvents = new List<SandboxRecord>();
        var visits = new List<SandboxRecord>();
        var responses = SandboxTypeformForm.All.ToDictionary(f => f.FormId, _ => new List<SandboxRecord>(), StringComparer.Ordinal);

        foreach (var generated in new DataGenerator(options).Generate())
        {
            var customer = generated.Customer;
            var ids = generated.Identities.ToDictionary(i => i.Kind, i => i.Value);
            var contactId = ids[IdentityKind.DataverseContactId];
            contacts.Add(Contact(generated, contactId));

            long? zendeskUser = ids.TryGetValue(IdentityKind.ZendeskUserId, out var z) ? long.Parse(z, CultureInfo.InvariantCulture) : null;
            if (zendeskUser is { } userId)
                users.Add(User(customer, userId, generated.Identities.First(i => i.Kind == IdentityKind.ZendeskUserId).FirstSeenAt));

            foreach (var e in generated.Events)
            {
                switch (e.Kind)
                {
                    case EventKind.CrmActivity:
                        var activity = (CrmActivityDetails)EventDetails.FromJson(e.Details);
                        if (activity.ActivityType == "annotation") notes.Add(Note(e, activity, contactId));
                        else activities.Add(Activity(e, activity, contactId, customer.DisplayName));
                        break;
                    case EventKind.Ticket:
                        var ticket = (TicketDetails)EventDetails.FromJson(e.Details);
                        var ticketId = long.Parse(e.SourceRecordId, CultureInfo.InvariantCulture);
                        var ticketRecord = Ticket(e, ticket, ticketId, zendeskUser!.Value);
                        tickets.Add(ticketRecord);
                        requesters[ticketId] = zendeskUser.Value;
                        // Zendesk's show_many leaves deleted tickets out (the export keeps them, with status "deleted").
                        if (ticket.Status != "deleted") liveTickets.Add(ticketId, ticketRecord.Json);
                        metricSets[ticketId] = MetricSet(ticketId, e, ticket);
                        break;
                    case EventKind.TicketMessage:
                        var message = (TicketMessageDetails)EventDetails.FromJson(e.Details);
                        var parent = long.Parse(message.TicketId, CultureInfo.InvariantCulture);
                        ticketEvents.Add(CommentAudit(e, message, parent, zendeskUser!.Value, sideload: true));
                        bareTicketEvents.Add(CommentAudit(e, message, parent, zendeskUser.Value, sideload: false));
                        break;
                    case EventKind.WebVisit:
                        visits.Add(Visit(e, (WebVisitDetails)EventDetails.FromJson(e.Details)));
                        break;
                    case EventKind.SurveyAnswer:
                        var answer = (SurveyAnswerDetails)EventDetails.FromJson(e.Details);
                        responses[answer.FormId].Add(Response(e, answer, customer.PrimaryEmail, ids.GetValueOrDefault(IdentityKind.TypeformRespondentId)));
                        break;
                    case EventKind.ContactChange:
                        break; // the contact row's history; see the summary
                }
            }
        }

        // The agent joined before any customer reached the helpdesk.
        users.Add(Agent(users.Count == 0 ? DateTimeOffset.UnixEpoch : DateTimeOffset.FromUnixTimeSeconds(users.Min(u => u.Time))));
        return new SandboxDataset
        {
            Contacts = Sorted(contacts),
            Activities = Sorted(activities),
            Notes = Sorted(notes),
            ZendeskUsers = Sorted(users),
            ZendeskUsersById = users.ToDictionary(u => u.Number, u => u.Json),
            TicketRequesters = requesters,
            ZendeskTickets = Sorted(tickets),
            TicketMetricSets = metricSets,
            LiveTickets = liveTickets,
            // Same keys (timestamp, audit id), so both sort alike: index i is the same event in either list.
            TicketEvents = Sorted(ticketEvents),
            BareTicketEvents = Sorted(bareTicketEvents),
            MatomoVisits = Sorted(visits),
            TypeformResponses = responses.ToDictionary(p => p.Key, p => (IReadOnlyList<SandboxRecord>)Sorted(p.Value), StringComparer.Ordinal),
        };
    }

    private static SandboxRecord Contact(GeneratedCustomer generated, string contactId)
    {
        var c = generated.Customer;
        var changes = generated.Events.Where(e => e.Kind == EventKind.ContactChange).ToList();
        var created = changes.Count > 0 ? changes.Min(e => e.OccurredAt) : c.CreatedAt;
        var modified = changes.Count > 0 ? changes.Max(e => e.SourceUpdatedAt) : created;
        var jobTitle = changes.Count > 0 ? ((ContactChangeDetails)EventDetails.FromJson(changes[^1].Details)).JobTitle : null;
        var space = c.DisplayName.IndexOf(' ', StringComparison.Ordinal);
        var row = new Dictionary<string, object?>
        {
            ["@odata.etag"] = Etag(modified),
            ["contactid"] = contactId,
            ["fullname"] = c.DisplayName,
            ["firstname"] = space < 0 ? c.DisplayName : c.DisplayName[..space],
            ["lastname"] = space < 0 ? null : c.DisplayName[(space + 1)..],
            ["emailaddress1"] = c.PrimaryEmail,
            ["telephone1"] = c.Phone,
            ["mobilephone"] = null,
            ["jobtitle"] = jobTitle,
            ["_parentcustomerid_value@OData.Community.Display.V1.FormattedValue"] = c.Company,
            ["_parentcustomerid_value@Microsoft.Dynamics.CRM.lookuplogicalname"] = c.Company is null ? null : "account",
            ["_parentcustomerid_value"] = c.Company is null ? null : Guid("account:" + c.Company),
            ["merged"] = false,
            ["_masterid_value"] = null,
            ["createdon"] = Iso(created),
            ["modifiedon"] = Iso(modified),
        };
        return new SandboxRecord(Unix(modified), 0, contactId, Serialize(row));
    }

    private static SandboxRecord Activity(TimelineEvent e, CrmActivityDetails d, string contactId, string contactName)
    {
        var minutes = d.DurationMinutes ?? 0;
        var incoming = d.Direction == "Incoming";
        var row = new Dictionary<string, object?>
        {
            ["@odata.type"] = "#Microsoft.Dynamics.CRM." + d.ActivityType,
            ["@odata.etag"] = Etag(e.SourceUpdatedAt),
            ["activityid"] = e.SourceRecordId,
            ["activitytypecode@OData.Community.Display.V1.FormattedValue"] = d.ActivityType switch
            {
                "email" => "Email", "phonecall" => "Phone Call", "appointment" => "Appointment", _ => "Task",
            },
            ["activitytypecode"] = d.ActivityType,
            ["subject"] = d.Subject,
            ["description"] = d.Body,
            ["_regardingobjectid_value@OData.Community.Display.V1.FormattedValue"] = contactName,
            ["_regardingobjectid_value@Microsoft.Dynamics.CRM.lookuplogicalname"] = "contact",
            ["_regardingobjectid_value"] = contactId,
            ["statecode"] = 1, // Completed: the generator's activities happened
            ["actualdurationminutes"] = d.DurationMinutes,
            // Done activities: actualend is when it happened, which is what the timeline shows.
            ["actualstart"] = Iso(e.OccurredAt.AddMinutes(-minutes)),
            ["actualend"] = Iso(e.OccurredAt),
            ["scheduledstart"] = d.ActivityType == "appointment" ? Iso(e.OccurredAt.AddMinutes(-minutes)) : null,
            ["_ownerid_value@OData.Community.Display.V1.FormattedValue"] = d.Owner,
            ["_ownerid_value@Microsoft.Dynamics.CRM.lookuplogicalname"] = "systemuser",
            ["_ownerid_value"] = d.Owner is null ? null : Guid("systemuser:" + d.Owner),
            ["createdon"] = Iso(e.OccurredAt),
            ["modifiedon"] = Iso(e.SourceUpdatedAt),
            ["activity_pointer_activity_parties"] = new[]
            {
                new Dictionary<string, object?>
                {
                    ["activitypartyid"] = Guid("party:" + e.SourceRecordId),
                    ["_partyid_value@Microsoft.Dynamics.CRM.lookuplogicalname"] = "contact",
                    ["_partyid_value"] = contactId,
                    // 1 sender, 2 to-recipient, 5 required attendee.
                    ["participationtypemask"] = d.ActivityType == "appointment" ? 5 : incoming ? 1 : 2,
                },
            },
        };
        return new SandboxRecord(Unix(e.SourceUpdatedAt), 0, e.SourceRecordId, Serialize(row));
    }

    private static SandboxRecord Note(TimelineEvent e, CrmActivityDetails d, string contactId)
    {
        var row = new Dictionary<string, object?>
        {
            ["@odata.etag"] = Etag(e.SourceUpdatedAt),
            ["annotationid"] = e.SourceRecordId,
            ["subject"] = d.Subject,
            ["notetext"] = d.Body,
            ["isdocument"] = false,
            ["_objectid_value@Microsoft.Dynamics.CRM.lookuplogicalname"] = "contact",
            ["_objectid_value"] = contactId,
            ["objecttypecode"] = "contact",
            ["_ownerid_value@OData.Community.Display.V1.FormattedValue"] = d.Owner,
            ["_ownerid_value@Microsoft.Dynamics.CRM.lookuplogicalname"] = "systemuser",
            ["_ownerid_value"] = d.Owner is null ? null : Guid("systemuser:" + d.Owner),
            ["createdon"] = Iso(e.OccurredAt),
            ["modifiedon"] = Iso(e.SourceUpdatedAt),
        };
        return new SandboxRecord(Unix(e.SourceUpdatedAt), 0, e.SourceRecordId, Serialize(row));
    }

    private static SandboxRecord User(Customer c, long id, DateTimeOffset firstSeen) =>
        User(id, c.DisplayName, c.PrimaryEmail, c.Phone, "end-user", firstSeen);

    private static SandboxRecord Agent(DateTimeOffset joined) =>
        User(AgentId, "Support Agent", "agent@support.sandbox.example", null, "agent", joined);

    private static SandboxRecord User(long id, string name, string? email, string? phone, string role, DateTimeOffset since) =>
        new(Unix(since), id, "", Serialize(new Dictionary<string, object?>
        {
            ["id"] = id,
            ["url"] = $"https://sandbox.zendesk.com/api/v2/users/{id}.json",
            ["name"] = name,
            ["email"] = email,
            ["phone"] = phone,
            ["role"] = role,
            ["active"] = true,
            ["verified"] = true,
            ["organization_id"] = null,
            ["time_zone"] = "UTC",
            ["created_at"] = Iso(since),
            ["updated_at"] = Iso(since),
        }));

    private static SandboxRecord Ticket(TimelineEvent e, TicketDetails d, long id, long requester)
    {
        var ticket = new Dictionary<string, object?>
        {
            ["id"] = id,
            ["url"] = $"https://sandbox.zendesk.com/api/v2/tickets/{id}.json",
            ["via"] = new Dictionary<string, object?> { ["channel"] = Via(e.Channel) },
            ["created_at"] = Iso(e.OccurredAt),
            ["updated_at"] = Iso(e.SourceUpdatedAt),
            ["generated_timestamp"] = Unix(e.SourceUpdatedAt),
            ["type"] = d.Type,
            ["subject"] = d.Subject,
            ["raw_subject"] = d.Subject,
            ["description"] = d.Description,
            ["priority"] = d.Priority,
            ["status"] = d.Status,
            ["requester_id"] = requester,
            ["submitter_id"] = requester,
            ["assignee_id"] = AgentId,
            ["tags"] = d.Tags,
            // The generator's satisfaction answers come from Typeform; Zendesk's own survey was not sent.
            ["satisfaction_rating"] = new Dictionary<string, object?> { ["score"] = "unoffered" },
        };
        return new SandboxRecord(Unix(e.SourceUpdatedAt), id, "", Serialize(ticket));
    }

    private static byte[] MetricSet(long ticketId, TimelineEvent e, TicketDetails d) => Serialize(new Dictionary<string, object?>
    {
        ["id"] = ticketId + 1,
        ["ticket_id"] = ticketId,
        ["created_at"] = Iso(e.OccurredAt),
        ["updated_at"] = Iso(e.SourceUpdatedAt),
        ["solved_at"] = d.SolvedAt is { } solved ? Iso(solved) : null,
    });

    /// <summary>
    /// The ticket event export's audit of one comment: with the <c>comment_events</c> sideload the comment is its
    /// child event (as Zendesk sends it: no plain_body); without it only <c>comment_present</c>/<c>comment_public</c>.
    /// </summary>
    private static SandboxRecord CommentAudit(TimelineEvent e, TicketMessageDetails d, long ticketId, long requester, bool sideload)
    {
        var id = long.Parse(e.SourceRecordId, CultureInfo.InvariantCulture);
        var auditId = AuditIdOffset + id;
        var author = d.Author == "customer" ? requester : AgentId;
        var via = new Dictionary<string, object?>
        {
            ["channel"] = d.Via,
            ["source"] = new Dictionary<string, object?> { ["from"] = new Dictionary<string, object?>(), ["to"] = new Dictionary<string, object?>(), ["rel"] = null },
        };
        var children = new List<Dictionary<string, object?>>();
        if (sideload)
        {
            children.Add(new Dictionary<string, object?>
            {
                ["id"] = id,
                ["via"] = via,
                ["via_reference_id"] = null,
                ["type"] = "Comment",
                ["author_id"] = author,
                ["body"] = d.Body,
                ["html_body"] = "<div class=\"zd-comment\"><p>" + System.Net.WebUtility.HtmlEncode(d.Body) + "</p></div>",
                ["public"] = d.IsPublic,
                ["attachments"] = Array.Empty<object>(),
                ["audit_id"] = auditId,
                ["created_at"] = Iso(e.OccurredAt),
                ["event_type"] = "Comment",
            });
        }
        var audit = new Dictionary<string, object?>
        {
            ["id"] = auditId,
            ["ticket_id"] = ticketId,
            ["timestamp"] = Unix(e.OccurredAt),
            ["created_at"] = Iso(e.OccurredAt),
            ["updater_id"] = author,
            ["via"] = via,
            ["system"] = new Dictionary<string, object?>(),
            ["event_type"] = "Audit",
            ["comment_present"] = true,
            ["comment_public"] = d.IsPublic,
            ["child_events"] = children,
        };
        return new SandboxRecord(Unix(e.OccurredAt), auditId, "", Serialize(audit));
    }

    private static SandboxRecord Visit(TimelineEvent e, WebVisitDetails d)
    {
        var id = long.Parse(e.SourceRecordId, CultureInfo.InvariantCulture);
        var first = Unix(e.OccurredAt);
        var last = Unix(e.SourceUpdatedAt);
        var actions = new List<Dictionary<string, object?>>();
        var at = first;
        for (var i = 0; i < d.Pages.Count; i++)
        {
            var page = d.Pages[i];
            actions.Add(new Dictionary<string, object?>
            {
                ["type"] = "action",
                ["url"] = page.Url,
                ["pageTitle"] = page.Title,
                ["pageviewPosition"] = (i + 1).ToString(CultureInfo.InvariantCulture),
                ["timeSpent"] = page.TimeSpentSeconds.ToString(CultureInfo.InvariantCulture),
                ["timestamp"] = at,
            });
            at += page.TimeSpentSeconds;
        }
        foreach (var goal in d.Goals)
            actions.Add(new Dictionary<string, object?> { ["type"] = "goal", ["goalName"] = goal, ["timestamp"] = last });

        // Matomo sends most numbers as strings and userId null for visitors who are not logged in.
        var visit = new Dictionary<string, object?>
        {
            ["idSite"] = SandboxCredentials.MatomoSiteId.ToString(CultureInfo.InvariantCulture),
            ["idVisit"] = id.ToString(CultureInfo.InvariantCulture),
            ["visitorId"] = d.VisitorId,
            ["userId"] = d.UserId,
            ["visitorType"] = "returning",
            ["actions"] = d.Pages.Count.ToString(CultureInfo.InvariantCulture),
            ["firstActionTimestamp"] = first,
            ["lastActionTimestamp"] = last,
            ["serverTimestamp"] = last,
            ["serverDate"] = e.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["visitDuration"] = d.DurationSeconds.ToString(CultureInfo.InvariantCulture),
            ["referrerType"] = d.ReferrerType,
            ["referrerName"] = d.Referrer ?? "",
            ["referrerUrl"] = null,
            ["deviceType"] = d.Device,
            ["browserName"] = d.Browser,
            ["country"] = d.Country,
            ["goalConversions"] = d.Goals.Count,
            ["actionDetails"] = actions,
        };
        return new SandboxRecord(last, id, "", Serialize(visit));
    }

    private static SandboxRecord Response(TimelineEvent e, SurveyAnswerDetails d, string? email, string? respondentId)
    {
        var form = SandboxTypeformForm.All.Single(f => f.FormId == d.FormId);
        var answers = new List<Dictionary<string, object?>>
        {
            new()
            {
                ["field"] = new Dictionary<string, object?> { ["id"] = d.FormId + "Sc", ["type"] = form.ScoreFieldType, ["ref"] = "score" },
                ["type"] = "number",
                ["number"] = d.Score,
            },
        };
        if (d.Comment is not null)
        {
            answers.Add(new()
            {
                ["field"] = new Dictionary<string, object?> { ["id"] = d.FormId + "Cm", ["type"] = "long_text", ["ref"] = "comment" },
                ["type"] = "text",
                ["text"] = d.Comment,
            });
        }
        var response = new Dictionary<string, object?>
        {
            ["landing_id"] = e.SourceRecordId,
            ["token"] = e.SourceRecordId,
            ["response_id"] = e.SourceRecordId,
            ["response_type"] = "completed",
            ["landed_at"] = Iso(e.OccurredAt.AddSeconds(-45)),
            ["submitted_at"] = Iso(e.OccurredAt),
            ["metadata"] = new Dictionary<string, object?>
            {
                ["user_agent"] = "Mozilla/5.0",
                ["platform"] = "other",
                ["referer"] = $"https://sandbox.typeform.com/to/{d.FormId}",
                ["network_id"] = "responsandbox",
                ["browser"] = "default",
            },
            ["hidden"] = new Dictionary<string, object?> { ["email"] = email, ["respondent_id"] = respondentId, ["language"] = d.Language },
            ["calculated"] = new Dictionary<string, object?> { ["score"] = 0 },
            ["answers"] = answers,
        };
        return new SandboxRecord(Unix(e.OccurredAt), 0, e.SourceRecordId, Serialize(response));
    }

    private static string Via(Channel channel) => channel switch
    {
        Channel.Email => "email",
        Channel.Chat => "chat",
        _ => "web",
    };

    private static List<SandboxRecord> Sorted(List<SandboxRecord> records)
    {
        records.Sort();
        return records;
    }

    private static byte[] Serialize(object value) => JsonSerializer.SerializeToUtf8Bytes(value);

    internal static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static long Unix(DateTimeOffset at) => at.ToUnixTimeSeconds();

    private static string Etag(DateTimeOffset at) => $"W/\"{Unix(at).ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>A stable GUID for records the generator does not number (accounts, owners, parties).</summary>
    private static string Guid(string name)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(name)).AsSpan(0, 16).ToArray();
        return new Guid(bytes).ToString("D", CultureInfo.InvariantCulture);
    }
}
