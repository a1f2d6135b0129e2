using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerTimeline.Api.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class RereadDataverseActivities : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The Dataverse connector reads an activity's direction from its parties and HTML bodies as text now: activities and
            // notes are read again, and the events the new mapping changes are corrected (and analyzed again).
            StreamReread.Schedule(migrationBuilder, EventSource.Dataverse, "activities", "notes");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Nothing to undo: the re-read only corrects events to what the source says.
        }
    }
}
