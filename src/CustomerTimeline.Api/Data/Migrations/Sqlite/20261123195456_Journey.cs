using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerTimeline.Api.Data.Migrations.Sqlite
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
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Urgent",
                table: "Events",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "CustomerChannelUse",
                columns: table => new
                {
                    CustomerId = table.Column<long>(type: "INTEGER", nullable: false),
                    TouchpointKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    StageKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    EventCount = table.Column<int>(type: "INTEGER", nullable: false)
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
                    CustomerId = table.Column<long>(type: "INTEGER", nullable: false),
                    StageKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    FirstReachedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastReachedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DaysToReach = table.Column<double>(type: "REAL", nullable: false),
                    EventCount = table.Column<int>(type: "INTEGER", nullable: false),
                    SentimentSum = table.Column<double>(type: "REAL", nullable: false),
                    SentimentCount = table.Column<int>(type: "INTEGER", nullable: false),
                    NegativeCount = table.Column<int>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CustomerId = table.Column<long>(type: "INTEGER", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RuleId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Severity = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    EventIds = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    RaisedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    TriggeredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ResolvedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ActionKind = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ActionTitle = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    ActionPriority = table.Column<int>(type: "INTEGER", nullable: false)
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
                    CustomerId = table.Column<long>(type: "INTEGER", nullable: false),
                    MapVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    CurrentStageKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    FirstEventAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastEventAt = table.Column<long>(type: "INTEGER", nullable: true),
                    EventCount = table.Column<int>(type: "INTEGER", nullable: false),
                    ExperienceScore = table.Column<double>(type: "REAL", nullable: false),
                    ScoreChange = table.Column<double>(type: "REAL", nullable: false),
                    Priority = table.Column<bool>(type: "INTEGER", nullable: false),
                    RepeatedProblem = table.Column<bool>(type: "INTEGER", nullable: false),
                    ExperienceJson = table.Column<string>(type: "TEXT", nullable: false),
                    ComputedAt = table.Column<long>(type: "INTEGER", nullable: false)
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
                    CustomerId = table.Column<long>(type: "INTEGER", nullable: false),
                    TouchpointKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    StageKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    FirstReachedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastReachedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DaysToReach = table.Column<double>(type: "REAL", nullable: false),
                    EventCount = table.Column<int>(type: "INTEGER", nullable: false),
                    SentimentSum = table.Column<double>(type: "REAL", nullable: false),
                    SentimentCount = table.Column<int>(type: "INTEGER", nullable: false),
                    NegativeCount = table.Column<int>(type: "INTEGER", nullable: false)
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
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Json = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JourneyMapVersion", x => x.Version);
                });

            migrationBuilder.CreateTable(
                name: "JourneyReclassification",
                columns: table => new
                {
                    MapVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    LastCustomerId = table.Column<long>(type: "INTEGER", nullable: false),
                    ProcessedCustomers = table.Column<long>(type: "INTEGER", nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CompletedAt = table.Column<long>(type: "INTEGER", nullable: true)
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
