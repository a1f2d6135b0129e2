using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerTimeline.Api.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CoveringJourneyStatsIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_CustomerTouchpoint_TouchpointKey_DaysToReach",
                table: "CustomerTouchpoint");

            migrationBuilder.DropIndex(
                name: "IX_CustomerJourneyStage_StageKey_DaysToReach",
                table: "CustomerJourneyStage");

            migrationBuilder.DropIndex(
                name: "IX_CustomerChannelUse_StageKey_Channel",
                table: "CustomerChannelUse");

            migrationBuilder.CreateIndex(
                name: "IX_CustomerTouchpoint_TouchpointKey_DaysToReach_EventCount_SentimentSum_SentimentCount_NegativeCount",
                table: "CustomerTouchpoint",
                columns: new[] { "TouchpointKey", "DaysToReach", "EventCount", "SentimentSum", "SentimentCount", "NegativeCount" });

            migrationBuilder.CreateIndex(
                name: "IX_CustomerJourneyStage_StageKey_DaysToReach_EventCount_SentimentSum_SentimentCount_NegativeCount",
                table: "CustomerJourneyStage",
                columns: new[] { "StageKey", "DaysToReach", "EventCount", "SentimentSum", "SentimentCount", "NegativeCount" });

            migrationBuilder.CreateIndex(
                name: "IX_CustomerChannelUse_StageKey_Channel_EventCount",
                table: "CustomerChannelUse",
                columns: new[] { "StageKey", "Channel", "EventCount" });

            migrationBuilder.CreateIndex(
                name: "IX_CustomerChannelUse_TouchpointKey_Channel_EventCount",
                table: "CustomerChannelUse",
                columns: new[] { "TouchpointKey", "Channel", "EventCount" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_CustomerTouchpoint_TouchpointKey_DaysToReach_EventCount_SentimentSum_SentimentCount_NegativeCount",
                table: "CustomerTouchpoint");

            migrationBuilder.DropIndex(
                name: "IX_CustomerJourneyStage_StageKey_DaysToReach_EventCount_SentimentSum_SentimentCount_NegativeCount",
                table: "CustomerJourneyStage");

            migrationBuilder.DropIndex(
                name: "IX_CustomerChannelUse_StageKey_Channel_EventCount",
                table: "CustomerChannelUse");

            migrationBuilder.DropIndex(
                name: "IX_CustomerChannelUse_TouchpointKey_Channel_EventCount",
                table: "CustomerChannelUse");

            migrationBuilder.CreateIndex(
                name: "IX_CustomerTouchpoint_TouchpointKey_DaysToReach",
                table: "CustomerTouchpoint",
                columns: new[] { "TouchpointKey", "DaysToReach" });

            migrationBuilder.CreateIndex(
                name: "IX_CustomerJourneyStage_StageKey_DaysToReach",
                table: "CustomerJourneyStage",
                columns: new[] { "StageKey", "DaysToReach" });

            migrationBuilder.CreateIndex(
                name: "IX_CustomerChannelUse_StageKey_Channel",
                table: "CustomerChannelUse",
                columns: new[] { "StageKey", "Channel" });
        }
    }
}
