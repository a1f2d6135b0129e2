using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerTimeline.Api.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Sync : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "IsAnonymous",
                table: "Customers",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ProfileUpdatedAt",
                table: "Customers",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "DeadLetters",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Source = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Stream = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    RecordId = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    Payload = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    FirstSeenAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    LastSeenAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    Attempts = table.Column<int>(type: "int", nullable: false),
                    Resolved = table.Column<bool>(type: "bit", nullable: false),
                    ResolvedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeadLetters", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "MergeRecords",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    SurvivorCustomerId = table.Column<long>(type: "bigint", nullable: false),
                    MergedCustomerId = table.Column<long>(type: "bigint", nullable: false),
                    MatchedKeyKind = table.Column<string>(type: "nvarchar(24)", maxLength: 24, nullable: false),
                    MatchedKeyMasked = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    SurvivorKeyKind = table.Column<string>(type: "nvarchar(24)", maxLength: 24, nullable: false),
                    SurvivorKeyMasked = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Source = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    RecordId = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    MergedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MergeRecords", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MergeRecords_Customers_SurvivorCustomerId",
                        column: x => x.SurvivorCustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SourceTombstones",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Source = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    SourceRecordId = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    DeletedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SourceTombstones", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SyncLeases",
                columns: table => new
                {
                    Source = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Owner = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    AcquiredAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SyncLeases", x => x.Source);
                });

            migrationBuilder.CreateTable(
                name: "SyncStates",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Source = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Stream = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Cursor = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    Status = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    LastRunStartedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    LastRunEndedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    LastSuccessAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    LastError = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    HighWatermark = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    CaughtUpAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    LagSeconds = table.Column<double>(type: "float", nullable: true),
                    LastRunPages = table.Column<int>(type: "int", nullable: false),
                    LastRunRecords = table.Column<long>(type: "bigint", nullable: false),
                    LastRunDuplicatesSkipped = table.Column<long>(type: "bigint", nullable: false),
                    LastRunDeadLettered = table.Column<long>(type: "bigint", nullable: false),
                    TotalRecords = table.Column<long>(type: "bigint", nullable: false),
                    TotalDuplicatesSkipped = table.Column<long>(type: "bigint", nullable: false),
                    TotalDeadLettered = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SyncStates", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DeadLetters_Source_Resolved_Id",
                table: "DeadLetters",
                columns: new[] { "Source", "Resolved", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_DeadLetters_Source_Stream_RecordId",
                table: "DeadLetters",
                columns: new[] { "Source", "Stream", "RecordId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MergeRecords_SurvivorCustomerId_MergedAt",
                table: "MergeRecords",
                columns: new[] { "SurvivorCustomerId", "MergedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SourceTombstones_Source_SourceRecordId",
                table: "SourceTombstones",
                columns: new[] { "Source", "SourceRecordId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SyncStates_Source_Stream",
                table: "SyncStates",
                columns: new[] { "Source", "Stream" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DeadLetters");

            migrationBuilder.DropTable(
                name: "MergeRecords");

            migrationBuilder.DropTable(
                name: "SourceTombstones");

            migrationBuilder.DropTable(
                name: "SyncLeases");

            migrationBuilder.DropTable(
                name: "SyncStates");

            migrationBuilder.DropColumn(
                name: "IsAnonymous",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "ProfileUpdatedAt",
                table: "Customers");
        }
    }
}
