using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerTimeline.Api.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class CustomerSegmentIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_CustomerSummary_CurrentStageKey",
                table: "CustomerSummary",
                column: "CurrentStageKey");

            migrationBuilder.CreateIndex(
                name: "IX_CustomerSummary_RepeatedProblem",
                table: "CustomerSummary",
                column: "RepeatedProblem");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_CustomerSummary_CurrentStageKey",
                table: "CustomerSummary");

            migrationBuilder.DropIndex(
                name: "IX_CustomerSummary_RepeatedProblem",
                table: "CustomerSummary");
        }
    }
}
