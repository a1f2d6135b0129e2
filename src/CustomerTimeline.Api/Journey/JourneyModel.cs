using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Insights;
using Microsoft.EntityFrameworkCore;

namespace CustomerTimeline.Api.Journey;

/// <summary>The journey and insights tables, configured here so the shared DbContext only needs one call.</summary>
public static class JourneyModel
{
    public static DbSet<JourneyMapVersion> JourneyMapVersions(this TimelineDbContext db) => Set<JourneyMapVersion>(db);
    public static DbSet<JourneyReclassification> JourneyReclassifications(this TimelineDbContext db) => Set<JourneyReclassification>(db);
    public static DbSet<CustomerJourneyStage> CustomerJourneyStages(this TimelineDbContext db) => Set<CustomerJourneyStage>(db);
    public static DbSet<CustomerTouchpoint> CustomerTouchpoints(this TimelineDbContext db) => Set<CustomerTouchpoint>(db);
    public static DbSet<CustomerChannelUse> CustomerChannelUses(this TimelineDbContext db) => Set<CustomerChannelUse>(db);
    public static DbSet<CustomerSummary> CustomerSummaries(this TimelineDbContext db) => Set<CustomerSummary>(db);
    public static DbSet<CustomerSignal> CustomerSignals(this TimelineDbContext db) => Set<CustomerSignal>(db);

    private static DbSet<T> Set<T>(TimelineDbContext db) where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Set<T>();
    }

    public static void ApplyJourneyModel(this ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);

        modelBuilder.Entity<JourneyMapVersion>(b =>
        {
            b.HasKey(v => v.Version);
            b.Property(v => v.Version).ValueGeneratedNever();
            b.Property(v => v.Name).HasMaxLength(200);
            b.HasIndex(v => v.IsActive);
        });

        modelBuilder.Entity<JourneyReclassification>(b =>
        {
            b.HasKey(r => r.MapVersion);
            b.Property(r => r.MapVersion).ValueGeneratedNever();
        });

        modelBuilder.Entity<CustomerJourneyStage>(b =>
        {
            b.HasKey(s => new { s.CustomerId, s.StageKey });
            b.Property(s => s.StageKey).HasMaxLength(64);
            // Per-stage medians walk this index instead of the table; the totals (the global stats' GROUP BY) read
            // only the index too, since it carries the summed columns.
            b.HasIndex(s => new { s.StageKey, s.DaysToReach, s.EventCount, s.SentimentSum, s.SentimentCount, s.NegativeCount });
            b.HasIndex(s => new { s.StageKey, s.FirstReachedAt });
            b.HasOne<Customer>().WithMany().HasForeignKey(s => s.CustomerId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<CustomerTouchpoint>(b =>
        {
            b.HasKey(s => new { s.CustomerId, s.TouchpointKey });
            b.Property(s => s.TouchpointKey).HasMaxLength(64);
            b.Property(s => s.StageKey).HasMaxLength(64);
            b.HasIndex(s => new { s.TouchpointKey, s.DaysToReach, s.EventCount, s.SentimentSum, s.SentimentCount, s.NegativeCount });
            b.HasIndex(s => new { s.TouchpointKey, s.FirstReachedAt });
            b.HasOne<Customer>().WithMany().HasForeignKey(s => s.CustomerId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<CustomerChannelUse>(b =>
        {
            b.HasKey(s => new { s.CustomerId, s.TouchpointKey, s.Channel });
            b.Property(s => s.TouchpointKey).HasMaxLength(64);
            b.Property(s => s.StageKey).HasMaxLength(64);
            // Covering: channel preference per stage and per touchpoint sums EventCount from the index alone.
            b.HasIndex(s => new { s.StageKey, s.Channel, s.EventCount });
            b.HasIndex(s => new { s.TouchpointKey, s.Channel, s.EventCount });
            b.HasOne<Customer>().WithMany().HasForeignKey(s => s.CustomerId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<CustomerSummary>(b =>
        {
            b.HasKey(s => s.CustomerId);
            b.Property(s => s.CustomerId).ValueGeneratedNever();
            b.Property(s => s.CurrentStageKey).HasMaxLength(64);
            b.HasIndex(s => s.MapVersion);
            b.HasIndex(s => s.ExperienceScore);
            b.HasIndex(s => new { s.Priority, s.ExperienceScore });
            // customers(filter:) segments: a rare stage or flag is found without reading every summary.
            b.HasIndex(s => s.CurrentStageKey);
            b.HasIndex(s => s.RepeatedProblem);
            b.HasOne<Customer>().WithOne().HasForeignKey<CustomerSummary>(s => s.CustomerId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<CustomerSignal>(b =>
        {
            b.Property(s => s.Key).HasMaxLength(100);
            b.Property(s => s.RuleId).HasMaxLength(64);
            b.Property(s => s.Kind).HasMaxLength(64);
            b.Property(s => s.Severity).HasConversion<string>().HasMaxLength(16);
            b.Property(s => s.Reason).HasMaxLength(500);
            b.Property(s => s.EventIds).HasMaxLength(2000);
            b.Property(s => s.ActionKind).HasMaxLength(64);
            b.Property(s => s.ActionTitle).HasMaxLength(300);
            b.HasIndex(s => new { s.CustomerId, s.ResolvedAt });
            b.HasIndex(s => new { s.Kind, s.ResolvedAt });
            b.HasOne<Customer>().WithMany().HasForeignKey(s => s.CustomerId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
