namespace CustomerTimeline.Api.Data;

public enum EventSource
{
    Dataverse,
    Zendesk,
    Matomo,
    Typeform,
}

public enum EventKind
{
    ContactChange,
    CrmActivity,
    Ticket,
    TicketMessage,
    WebVisit,
    SurveyAnswer,
}

public enum Channel
{
    Crm,
    Email,
    Phone,
    Meeting,
    Note,
    Task,
    Helpdesk,
    Chat,
    Sms,
    Web,
    Social,
    Survey,
}

public enum IdentityKind
{
    Email,
    Phone,
    DataverseContactId,
    ZendeskUserId,
    MatomoVisitorId,
    MatomoUserId,
    TypeformRespondentId,
}
