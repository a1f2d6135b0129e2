using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerTimeline.Api.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Journey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Intents",
                table: "Events",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Urgent",
                table: "Events",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "CustomerChannelUse",
                columns: table => new
                {
                    CustomerId = table.Column<long>(type: "bigint", nullable: false),
                    TouchpointKey = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Channel = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    StageKey = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    EventCount = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CustomerChannelUse", x => new { x.CustomerId, x.TouchpointKey, x.Channel });
                    table.ForeignKey(
                        name: "FK_CustomerChannelUse_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CustomerJourneyStage",
                columns: table => new
                {
                    CustomerId = table.Column<long>(type: "bigint", nullable: false),
                    StageKey = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    FirstReachedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    LastReachedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    DaysToReach = table.Column<double>(type: "float", nullable: false),
                    EventCount = table.Column<int>(type: "int", nullable: false),
                    SentimentSum = table.Column<double>(type: "float", nullable: false),
                    SentimentCount = table.Column<int>(type: "int", nullable: false),
                    NegativeCount = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CustomerJourneyStage", x => new { x.CustomerId, x.StageKey });
                    table.ForeignKey(
                        name: "FK_CustomerJourneyStage_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CustomerSignal",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    CustomerId = table.Column<long>(type: "bigint", nullable: false),
                    Key = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    RuleId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Severity = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    EventIds = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    RaisedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    TriggeredAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    ResolvedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    ActionKind = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    ActionTitle = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: true),
                    ActionPriority = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CustomerSignal", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CustomerSignal_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CustomerSummary",
                columns: table => new
                {
                    CustomerId = table.Column<long>(type: "bigint", nullable: false),
                    MapVersion = table.Column<int>(type: "int", nullable: false),
                    CurrentStageKey = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    FirstEventAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    LastEventAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    EventCount = table.Column<int>(type: "int", nullable: false),
                    ExperienceScore = table.Column<double>(type: "float", nullable: false),
                    ScoreChange = table.Column<double>(type: "float", nullable: false),
                    Priority = table.Column<bool>(type: "bit", nullable: false),
                    RepeatedProblem = table.Column<bool>(type: "bit", nullable: false),
                    ExperienceJson = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    ComputedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CustomerSummary", x => x.CustomerId);
                    table.ForeignKey(
                        name: "FK_CustomerSummary_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CustomerTouchpoint",
                columns: table => new
                {
                    CustomerId = table.Column<long>(type: "bigint", nullable: false),
                    TouchpointKey = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    StageKey = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    FirstReachedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    LastReachedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    DaysToReach = table.Column<double>(type: "float", nullable: false),
                    EventCount = table.Column<int>(type: "int", nullable: false),
                    SentimentSum = table.Column<double>(type: "float", nullable: false),
                    SentimentCount = table.Column<int>(type: "int", nullable: false),
                    NegativeCount = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CustomerTouchpoint", x => new { x.CustomerId, x.TouchpointKey });
                    table.ForeignKey(
                        name: "FK_CustomerTouchpoint_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "JourneyMapVersion",
                columns: table => new
                {
                    Version = table.Column<int>(type: "int", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Json = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    IsActive = table.Column<bool>(type: "bit", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JourneyMapVersion", x => x.Version);
                });

            migrationBuilder.CreateTable(
                name: "JourneyReclassification",
                columns: table => new
                {
                    MapVersion = table.Column<int>(type: "int", nullable: false),
                    LastCustomerId = table.Column<long>(type: "bigint", nullable: false),
                    ProcessedCustomers = table.Column<long>(type: "bigint", nullable: false),
                    StartedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    CompletedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JourneyReclassification", x => x.MapVersion);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Events_CustomerId_StageKey_OccurredAt_Id",
                table: "Events",
                columns: new[] { "CustomerId", "StageKey", "OccurredAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_CustomerChannelUse_StageKey_Channel",
                table: "CustomerChannelUse",
                columns: new[] { "StageKey", "Channel" });

            migrationBuilder.CreateIndex(
                name: "IX_CustomerJourneyStage_StageKey_DaysToReach",
                table: "CustomerJourneyStage",
                columns: new[] { "StageKey", "DaysToReach" });

            migrationBuilder.CreateIndex(
                name: "IX_CustomerJourneyStage_StageKey_FirstReachedAt",
                table: "CustomerJourneyStage",
                columns: new[] { "StageKey", "FirstReachedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CustomerSignal_CustomerId_ResolvedAt",
                table: "CustomerSignal",
                columns: new[] { "CustomerId", "ResolvedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CustomerSignal_Kind_ResolvedAt",
                table: "CustomerSignal",
                columns: new[] { "Kind", "ResolvedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CustomerSummary_ExperienceScore",
                table: "CustomerSummary",
                column: "ExperienceScore");

            migrationBuilder.CreateIndex(
                name: "IX_CustomerSummary_MapVersion",
                table: "CustomerSummary",
                column: "MapVersion");

            migrationBuilder.CreateIndex(
                name: "IX_CustomerSummary_Priority_ExperienceScore",
                table: "CustomerSummary",
                columns: new[] { "Priority", "ExperienceScore" });

            migrationBuilder.CreateIndex(
                name: "IX_CustomerTouchpoint_TouchpointKey_DaysToReach",
                table: "CustomerTouchpoint",
                columns: new[] { "TouchpointKey", "DaysToReach" });

            migrationBuilder.CreateIndex(
                name: "IX_CustomerTouchpoint_TouchpointKey_FirstReachedAt",
                table: "CustomerTouchpoint",
                columns: new[] { "TouchpointKey", "FirstReachedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_JourneyMapVersion_IsActive",
                table: "JourneyMapVersion",
                column: "IsActive");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CustomerChannelUse");

            migrationBuilder.DropTable(
                name: "CustomerJourneyStage");

            migrationBuilder.DropTable(
                name: "CustomerSignal");

            migrationBuilder.DropTable(
                name: "CustomerSummary");

            migrationBuilder.DropTable(
                name: "CustomerTouchpoint");

            migrationBuilder.DropTable(
                name: "JourneyMapVersion");

            migrationBuilder.DropTable(
                name: "JourneyReclassification");

            migrationBuilder.DropIndex(
                name: "IX_Events_CustomerId_StageKey_OccurredAt_Id",
                table: "Events");

            migrationBuilder.DropColumn(
                name: "Intents",
                table: "Events");

            migrationBuilder.DropColumn(
                name: "Urgent",
                table: "Events");
        }
    }
}
