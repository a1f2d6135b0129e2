using Microsoft.EntityFrameworkCore.Migrations;

namespace CustomerTimeline.Api.Data.Migrations;

/// <summary>
/// After the text analyzer changes what it reads, stored events go back to "not analyzed" (as an edit from their
/// source does) and their customers' summaries are marked stale: the background re-classification recomputes
/// those customers in full, so old messages get the new analysis too. Meanwhile the old scores stay served.
/// </summary>
internal static class TextReanalysis
{
    private const string TextKinds = "'CrmActivity', 'Ticket', 'TicketMessage', 'SurveyAnswer'";

    public static void Schedule(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql($"""
            UPDATE CustomerSummary SET MapVersion = -MapVersion
            WHERE MapVersion > 0
              AND EXISTS (SELECT 1 FROM Events e WHERE e.CustomerId = CustomerSummary.CustomerId AND e.Kind IN ({TextKinds}));
            """);
        migrationBuilder.Sql($"""
            UPDATE Events SET Intents = NULL, Sentiment = NULL, Urgent = 0
            WHERE Kind IN ({TextKinds}) AND Intents IS NOT NULL;
            """);
    }
}
