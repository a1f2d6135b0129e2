using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerTimeline.Api.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ReanalyzeCustomerText : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The analyzer reads Romanian, greetings, "once again", "not urgent" and commas differently now: stored text is analyzed again.
            TextReanalysis.Schedule(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Nothing to undo: the analysis is computed again either way.
        }
    }
}
