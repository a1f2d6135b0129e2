using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerTimeline.Api.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class SummaryIncrementalState : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "EventIdSum",
                table: "CustomerSummary",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "PurchasedAt",
                table: "CustomerSummary",
                type: "datetimeoffset",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "EventIdSum",
                table: "CustomerSummary");

            migrationBuilder.DropColumn(
                name: "PurchasedAt",
                table: "CustomerSummary");
        }
    }
}
