using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerTimeline.Api.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class EventParentRecord : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ParentRecordId",
                table: "Events",
                type: "nvarchar(128)",
                maxLength: 128,
                nullable: true);

            // Comments stored before know their ticket from their details: a later deletion of the ticket takes them too.
            migrationBuilder.Sql("""
                UPDATE "Events" SET "ParentRecordId" = 'ticket-' + JSON_VALUE("Details", '$.ticketId')
                WHERE "Source" = 'Zendesk' AND "Kind" = 'TicketMessage';
                """);

            migrationBuilder.CreateIndex(
                name: "IX_Events_Source_ParentRecordId",
                table: "Events",
                columns: new[] { "Source", "ParentRecordId" },
                filter: "ParentRecordId IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Events_Source_ParentRecordId",
                table: "Events");

            migrationBuilder.DropColumn(
                name: "ParentRecordId",
                table: "Events");
        }
    }
}
