using CustomerTimeline.Api.Journey;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CustomerTimeline.Api.Data;

/// <summary>
/// The timeline store. Provider-specific subclasses exist only so each provider keeps its own migrations.
/// </summary>
public abstract class TimelineDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<CustomerIdentity> Identities => Set<CustomerIdentity>();
    public DbSet<TimelineEvent> Events => Set<TimelineEvent>();
    public DbSet<LiveNotification> LiveNotifications => Set<LiveNotification>();
    public DbSet<SyncState> SyncStates => Set<SyncState>();
    public DbSet<SyncLease> SyncLeases => Set<SyncLease>();
    public DbSet<RateLimitWindow> RateLimitWindows => Set<RateLimitWindow>();
    public DbSet<DeadLetter> DeadLetters => Set<DeadLetter>();
    public DbSet<SourceTombstone> SourceTombstones => Set<SourceTombstone>();
    public DbSet<MergeRecord> MergeRecords => Set<MergeRecord>();
    public DbSet<PrivacyRequest> PrivacyRequests => Set<PrivacyRequest>();
    public DbSet<SuppressedIdentity> SuppressedIdentities => Set<SuppressedIdentity>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<PiiReadJournalEntry> PiiReadJournal => Set<PiiReadJournalEntry>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<EventSource>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<EventKind>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<Channel>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<IdentityKind>().HaveConversion<string>().HaveMaxLength(24);
        configurationBuilder.Properties<SyncStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<PrivacyRequestKind>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<PrivacyRequestStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<AuditOperation>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<AuditOutcome>().HaveConversion<string>().HaveMaxLength(16);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);

        modelBuilder.Entity<Customer>(b =>
        {
            b.Property(c => c.DisplayName).HasMaxLength(200);
            b.Property(c => c.PrimaryEmail).HasMaxLength(320);
            b.Property(c => c.Phone).HasMaxLength(32);
            b.Property(c => c.Company).HasMaxLength(200);
            b.Property(c => c.SearchText).HasMaxLength(800);
            b.HasIndex(c => c.SearchText);
            // A phone several people share (a switchboard) is found on each of them, not only on its key's owner.
            b.HasIndex(c => c.Phone);
        });

        modelBuilder.Entity<CustomerIdentity>(b =>
        {
            b.Property(i => i.Value).HasMaxLength(320);
            b.HasIndex(i => new { i.Kind, i.Value }).IsUnique();
            b.HasIndex(i => i.CustomerId);
            b.HasOne(i => i.Customer).WithMany(c => c.Identities).HasForeignKey(i => i.CustomerId)
                .OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<LiveNotification>(b => b.HasIndex(n => n.CreatedAt));

        modelBuilder.Entity<TimelineEvent>(b =>
        {
            b.Property(e => e.SourceRecordId).HasMaxLength(128);
            b.Property(e => e.Title).HasMaxLength(400);
            b.Property(e => e.StageKey).HasMaxLength(64);
            b.Property(e => e.TouchpointKey).HasMaxLength(64);
            b.HasIndex(e => new { e.Source, e.SourceRecordId }).IsUnique();
            b.Property(e => e.ParentRecordId).HasMaxLength(128);
            // Only the events that have a parent (a ticket's comments): a parent's deletion finds them.
            b.HasIndex(e => new { e.Source, e.ParentRecordId }).HasFilter("ParentRecordId IS NOT NULL");
            // "Latest N events of customer X": a seek on CustomerId, then a walk down OccurredAt/Id.
            b.HasIndex(e => new { e.CustomerId, e.OccurredAt, e.Id });
            b.HasIndex(e => new { e.CustomerId, e.Kind, e.OccurredAt });
            b.Property(e => e.Intents).HasMaxLength(200);
            // "Events of customer X in stage S", keyset-paged like the timeline.
            b.HasIndex(e => new { e.CustomerId, e.StageKey, e.OccurredAt, e.Id });
            b.HasOne(e => e.Customer).WithMany().HasForeignKey(e => e.CustomerId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<SyncState>(b =>
        {
            b.Property(s => s.Stream).HasMaxLength(64);
            b.Property(s => s.Cursor).HasMaxLength(4000);
            b.Property(s => s.LastError).HasMaxLength(500);
            b.Ignore(s => s.CompleteUpTo);
            b.HasIndex(s => new { s.Source, s.Stream }).IsUnique();
        });

        modelBuilder.Entity<SyncLease>(b =>
        {
            b.HasKey(l => l.Source);
            b.Property(l => l.Owner).HasMaxLength(200);
        });

        modelBuilder.Entity<RateLimitWindow>(b =>
        {
            b.HasKey(w => new { w.PartitionKey, w.WindowStart });
            b.Property(w => w.PartitionKey).HasMaxLength(300);
        });

        modelBuilder.Entity<DeadLetter>(b =>
        {
            b.Property(d => d.Stream).HasMaxLength(64);
            b.Property(d => d.RecordId).HasMaxLength(128);
            b.Property(d => d.Reason).HasMaxLength(500);
            b.HasIndex(d => new { d.Source, d.Stream, d.RecordId }).IsUnique();
            // "Open dead letters of a source", paged by id.
            b.HasIndex(d => new { d.Source, d.Resolved, d.Id });
        });

        modelBuilder.Entity<SourceTombstone>(b =>
        {
            b.Property(t => t.SourceRecordId).HasMaxLength(128);
            b.HasIndex(t => new { t.Source, t.SourceRecordId }).IsUnique();
        });

        modelBuilder.Entity<MergeRecord>(b =>
        {
            b.Property(m => m.MatchedKeyMasked).HasMaxLength(64);
            b.Property(m => m.SurvivorKeyMasked).HasMaxLength(64);
            b.Property(m => m.RecordId).HasMaxLength(128);
            b.HasIndex(m => new { m.SurvivorCustomerId, m.MergedAt });
            // A merged customer's id still finds the customer it went into (customer(id:), the feeds, privacy requests).
            b.HasIndex(m => m.MergedCustomerId);
            b.HasOne(m => m.SurvivorCustomer).WithMany().HasForeignKey(m => m.SurvivorCustomerId)
                .OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.ApplyJourneyModel();
        modelBuilder.Entity<PrivacyRequest>(b =>
        {
            b.Property(r => r.RequestedByTenantId).HasMaxLength(64);
            b.Property(r => r.RequestedByObjectId).HasMaxLength(64);
            b.HasIndex(r => new { r.CustomerId, r.Kind, r.Status });
        });

        modelBuilder.Entity<SuppressedIdentity>(b =>
        {
            b.Property(s => s.ValueHash).HasMaxLength(64).IsFixedLength();
            b.HasIndex(s => new { s.Kind, s.ValueHash }).IsUnique();
        });

        modelBuilder.Entity<AuditEntry>(b =>
        {
            b.Property(a => a.ActorTenantId).HasMaxLength(64);
            b.Property(a => a.ActorObjectId).HasMaxLength(64);
            b.HasIndex(a => a.CustomerId);
            b.HasIndex(a => a.OccurredAt);
            b.HasOne(a => a.PrivacyRequest).WithMany().HasForeignKey(a => a.PrivacyRequestId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<PiiReadJournalEntry>(b =>
        {
            b.ToTable("PiiReadJournal");
            b.Property(a => a.ActorTenantId).HasMaxLength(64);
            b.Property(a => a.ActorObjectId).HasMaxLength(64);
        });
    }
}

public sealed class SqliteTimelineDbContext(DbContextOptions<SqliteTimelineDbContext> options) : TimelineDbContext(options)
{
    // The pool lease that asked; a pooled instance keeps its fields, so a bare flag would outlive the request.
    private int _keepForLease = -1;

    /// <summary>
    /// Keeps the connection open from this context's first EF query until it goes back to the pool (or is
    /// disposed): one open per request instead of one per query, and none for a request that queries no EF
    /// (<see cref="SqliteConnectionKeeper"/>).
    /// </summary>
    public void KeepConnectionOnceOpened() => _keepForLease = ContextId.Lease;

    internal bool KeepsConnectionOpen => _keepForLease == ContextId.Lease;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        // SQLite cannot order or compare DateTimeOffset; UTC ticks in an INTEGER sort and index correctly.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcTicksConverter>();
    }
}

public sealed class SqlServerTimelineDbContext(DbContextOptions<SqlServerTimelineDbContext> options) : TimelineDbContext(options);

internal sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    v => v.UtcTicks,
    v => new DateTimeOffset(v, TimeSpan.Zero));
