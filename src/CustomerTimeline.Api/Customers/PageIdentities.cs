using CustomerTimeline.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace CustomerTimeline.Api.Customers;

/// <summary>Profile data a source gives about a person, already normalized (email lower-case, phone E.164).</summary>
public sealed record PersonProfile(string? DisplayName, string? Email, string? Phone, string? Company, DateTimeOffset UpdatedAt);

/// <summary>
/// Identity resolution of one page of records, inside the page's transaction on one DbContext:
/// <list type="number">
/// <item><see cref="Add"/> each record's normalized keys in page order;</item>
/// <item><see cref="ResolveAsync"/>: one query finds the owners of every key, records are linked in order
/// (no owner: new customer; one: new keys attach; several: they merge, the known then oldest surviving),
/// profiles applied, new customers and keys inserted, and the existing customers it changed handed to the context;</item>
/// <item>the caller saves its own changes (events), then <see cref="CompleteMergesAsync"/> moves the merged
/// customers' identities, events and merge history to the survivors, deletes them and writes MergeRecords.</item>
/// </list>
/// Correct under unique (Kind, Value): a key is only ever inserted when no customer owns it; a concurrent
/// writer inserting the same key makes the insert fail, and the page is retried from scratch.
/// </summary>
public sealed class PageIdentities
{
    private readonly TimelineDbContext _db;
    private readonly EventSource _source;
    private readonly DateTimeOffset _now;
    private readonly List<Pending> _records = [];
    private readonly Dictionary<NormalizedKey, Node> _owners = [];
    private readonly List<(NormalizedKey Key, Node Node)> _newKeys = [];
    private readonly List<Node> _newNodes = [];
    private readonly List<Merge> _merges = [];
    // Owners are read untracked (tracking every customer a page touches cost more than resolving them); the ones
    // this page changes are handed to the context to update.
    private readonly HashSet<Customer> _changed = [];
    private Node[] _resolved = [];
    private int _sequence;

    internal PageIdentities(TimelineDbContext db, EventSource source, DateTimeOffset now)
    {
        _db = db;
        _source = source;
        _now = now;
    }

    /// <summary>Customers created by this page.</summary>
    public int CreatedCustomers { get; private set; }

    /// <summary>Existing customers merged into others by this page.</summary>
    public int MergedCustomers => _merges.Count;

    /// <summary>Customers that received another's history in this page (valid after <see cref="CompleteMergesAsync"/>).</summary>
    public IEnumerable<long> SurvivorIds => _merges.Select(m => Find(m.Merged).Customer.Id);

    /// <summary>Customers merged away by <see cref="CompleteMergesAsync"/>: gone once the page commits.</summary>
    public IEnumerable<long> MergedAwayIds => _merges.Select(m => m.Merged.Customer.Id);

    /// <summary>Queues a record; returns the handle to ask <see cref="CustomerFor"/> about after resolution.</summary>
    public int Add(string recordId, IReadOnlyList<NormalizedKey> keys, PersonProfile? profile)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0) throw new ArgumentException("A record needs at least one key to resolve.", nameof(keys));
        _records.Add(new Pending(recordId, keys, profile));
        return _records.Count - 1;
    }

    /// <summary>Whether the record created a customer, attached a key, merged customers or changed a profile.</summary>
    public bool Changed(int handle) => _records[handle].Changed;

    /// <summary>The (tracked) customer a queued record resolved to.</summary>
    public Customer CustomerFor(int handle) => Find(_resolved[handle]).Customer;

    public async Task ResolveAsync(CancellationToken ct)
    {
        await LoadOwnersAsync(ct);

        _resolved = new Node[_records.Count];
        for (var i = 0; i < _records.Count; i++)
            _resolved[i] = Link(_records[i]);

        foreach (var (key, node) in _newKeys)
        {
            var customer = Find(node).Customer;
            if (key.Kind != IdentityKind.MatomoVisitorId && customer.IsAnonymous)
            {
                customer.IsAnonymous = false;
                _changed.Add(customer);
            }
            FillGap(customer, key);
        }

        foreach (var (record, i) in _records.Select((r, i) => (r, i)))
        {
            if (record.Profile is { } profile &&
                ApplyProfile(CustomerFor(i), profile.DisplayName, profile.Email, profile.Phone, profile.Company, profile.UpdatedAt))
                record.Changed = true;
        }

        await InsertCreatedAsync(ct);
        // The caller's SaveChanges writes the existing customers this page changed (new ones went in as they are).
        foreach (var customer in _changed) _db.Entry(customer).State = EntityState.Modified;
        _changed.Clear();
    }

    /// <summary>
    /// New customers and keys go in through one prepared INSERT each (most rows of a first sync; EF's change tracking
    /// and SaveChanges cost several times the inserts): customers first, so every key has its customer's id and the
    /// caller's events theirs. Only the customers that survive the page are inserted; new ones merged into others
    /// never existed. A clash with a concurrent writer's key is a DbUpdateException, as from SaveChanges.
    /// </summary>
    private async Task InsertCreatedAsync(CancellationToken ct)
    {
        var created = _newNodes.Where(n => Find(n) == n).Select(n => n.Customer).ToList();
        if (created.Count > 0)
        {
            using var insert = RowCommand.Insert(_db, typeof(Customer), includeKey: false, returnKey: true);
            foreach (var customer in created) customer.Id = await insert.InsertAsync(customer, ct);
            CreatedCustomers = created.Count;
            _changed.ExceptWith(created);
        }
        if (_newKeys.Count == 0) return;
        using var insertKey = RowCommand.Insert(_db, typeof(CustomerIdentity), includeKey: false);
        foreach (var (key, node) in _newKeys)
        {
            await insertKey.ExecuteAsync(new CustomerIdentity
            {
                CustomerId = Find(node).Customer.Id,
                Kind = key.Kind,
                Value = key.Value,
                Source = _source,
                FirstSeenAt = _now,
            }, ct);
        }
    }

    /// <summary>Runs after the caller's SaveChanges (survivors created by this page have ids by then).</summary>
    public async Task CompleteMergesAsync(CancellationToken ct)
    {
        if (_merges.Count == 0) return;
        foreach (var merge in _merges)
        {
            var survivor = Find(merge.Merged).Customer;
            var merged = merge.Merged.Customer;
            var survivorId = survivor.Id;
            var mergedId = merged.Id;

            // Everything the merged customer had moves; keys keep their (Kind, Value), so no unique clash.
            await _db.Identities.Where(i => i.CustomerId == mergedId)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.CustomerId, survivorId), ct);
            await _db.Events.Where(e => e.CustomerId == mergedId)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.CustomerId, survivorId), ct);
            await _db.MergeRecords.Where(m => m.SurvivorCustomerId == mergedId)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.SurvivorCustomerId, survivorId), ct);
            await _db.Customers.Where(c => c.Id == mergedId).ExecuteDeleteAsync(ct);
            _db.Entry(merged).State = EntityState.Detached;

            survivor.IsAnonymous &= merged.IsAnonymous;
            ApplyProfile(survivor, merged.ProfileUpdatedAt is null ? null : merged.DisplayName,
                merged.PrimaryEmail, merged.Phone, merged.Company, merged.ProfileUpdatedAt);
            // Untracked (read so, or inserted by this page) unless the page already changed it.
            if (_db.Entry(survivor).State == EntityState.Detached) _db.Entry(survivor).State = EntityState.Modified;

            _db.MergeRecords.Add(new MergeRecord
            {
                SurvivorCustomerId = survivorId,
                MergedCustomerId = mergedId,
                MatchedKeyKind = merge.MatchedKey.Kind,
                MatchedKeyMasked = IdentityMask.Mask(merge.MatchedKey.Kind, merge.MatchedKey.Value),
                SurvivorKeyKind = merge.SurvivorKey.Kind,
                SurvivorKeyMasked = IdentityMask.Mask(merge.SurvivorKey.Kind, merge.SurvivorKey.Value),
                Source = _source,
                RecordId = merge.RecordId,
                MergedAt = _now,
            });
        }
        await _db.SaveChangesAsync(ct);
    }

    private async Task LoadOwnersAsync(CancellationToken ct)
    {
        var keys = _records.SelectMany(r => r.Keys).Distinct().ToList();
        var kinds = keys.Select(k => k.Kind).Distinct().ToList();
        var values = keys.Select(k => k.Value).Distinct().ToList();
        var wanted = keys.ToHashSet();

        // One query for every key of the page; (Kind, Value) pairs are filtered exactly in memory.
        var owned = (await _db.Identities.AsNoTracking()
                .Where(i => kinds.Contains(i.Kind) && EF.Parameter(values).Contains(i.Value))
                .Select(i => new { i.Kind, i.Value, i.CustomerId })
                .ToListAsync(ct))
            .Where(i => wanted.Contains(new NormalizedKey(i.Kind, i.Value)))
            .ToList();
        if (owned.Count == 0) return;

        var ids = owned.Select(i => i.CustomerId).Distinct().ToList();
        var customers = await _db.Customers.AsNoTracking().Where(c => EF.Parameter(ids).Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var nodes = customers.Values.ToDictionary(c => c.Id, c => new Node(c, Persisted: true, _sequence++));
        foreach (var i in owned)
        {
            var key = new NormalizedKey(i.Kind, i.Value);
            _owners[key] = nodes[i.CustomerId];
            if (IsPersonId(i.Kind)) nodes[i.CustomerId].PersonIds.Add(key);
        }

        // Only a phone can link records of different people (see Link): then their person ids are needed, all of them.
        if (!owned.Exists(i => i.Kind == IdentityKind.Phone)) return;
        var personIds = await _db.Identities.AsNoTracking()
            .Where(i => EF.Parameter(ids).Contains(i.CustomerId)
                        && (i.Kind == IdentityKind.DataverseContactId || i.Kind == IdentityKind.ZendeskUserId))
            .Select(i => new { i.Kind, i.Value, i.CustomerId })
            .ToListAsync(ct);
        foreach (var i in personIds) nodes[i.CustomerId].PersonIds.Add(new NormalizedKey(i.Kind, i.Value));
    }

    /// <summary>
    /// Ids that each stand for one person in their system: a CRM contact, a helpdesk user. Two customers holding
    /// different ids of one kind are two people there, whatever phone they share.
    /// </summary>
    private static bool IsPersonId(IdentityKind kind) => kind is IdentityKind.DataverseContactId or IdentityKind.ZendeskUserId;

    /// <summary>Whether <paramref name="a"/> and <paramref name="b"/> hold ids of one kind and none in common.</summary>
    private static bool DifferentPeople(HashSet<NormalizedKey> a, HashSet<NormalizedKey> b) =>
        a.GroupBy(x => x.Kind).Any(g => b.Any(y => y.Kind == g.Key) && !g.Any(b.Contains));

    private Node Link(Pending record)
    {
        // Each customer the record's keys find, with the first key that found it and whether only phones did.
        var roots = new List<(Node Root, NormalizedKey Key, bool PhoneOnly)>();
        var unowned = new List<NormalizedKey>();
        foreach (var key in record.Keys)
        {
            if (_owners.TryGetValue(key, out var owner))
            {
                var root = Find(owner);
                var at = roots.FindIndex(r => r.Root == root);
                if (at < 0) roots.Add((root, key, key.Kind == IdentityKind.Phone));
                else if (key.Kind != IdentityKind.Phone) roots[at] = roots[at] with { PhoneOnly = false };
            }
            else
            {
                unowned.Add(key);
            }
        }

        if (roots.Exists(r => r.PhoneOnly))
        {
            // A phone shared by different people (a company's switchboard as two contacts' business phone, a family
            // line) must not merge them: a customer only a phone found is left out when it holds another person id
            // of a kind the record, or a customer its other keys found, holds. The phone stays its owner's.
            var ids = record.Keys.Where(k => IsPersonId(k.Kind)).ToHashSet();
            foreach (var (root, _, _) in roots.Where(r => !r.PhoneOnly)) ids.UnionWith(root.PersonIds);
            roots.RemoveAll(r =>
            {
                if (!r.PhoneOnly) return false;
                if (DifferentPeople(r.Root.PersonIds, ids)) return true;
                ids.UnionWith(r.Root.PersonIds);
                return false;
            });
        }

        Node survivor;
        if (roots.Count == 0)
        {
            survivor = NewCustomer(record.Keys);
            record.Changed = true;
        }
        else
        {
            var best = roots.OrderBy(r => r.Root, SurvivorOrder.Instance).First();
            survivor = best.Root;
            foreach (var (other, key, _) in roots.Where(r => r.Root != survivor))
            {
                other.Parent = survivor;
                survivor.PersonIds.UnionWith(other.PersonIds);
                // Every existing customer that stops being a root is recorded once, when it does; new customers
                // folded into others never existed outside this transaction.
                record.Changed = true;
                if (other.Persisted)
                    _merges.Add(new Merge(other, key, best.Key, record.RecordId));
                survivor.IsKnown |= other.IsKnown;
            }
        }

        foreach (var key in unowned)
        {
            record.Changed = true;
            _owners[key] = survivor;
            _newKeys.Add((key, survivor));
            if (key.Kind != IdentityKind.MatomoVisitorId) survivor.IsKnown = true;
            if (IsPersonId(key.Kind)) survivor.PersonIds.Add(key);
        }
        return survivor;
    }

    private Node NewCustomer(IReadOnlyList<NormalizedKey> keys)
    {
        var anonymous = keys.All(k => k.Kind == IdentityKind.MatomoVisitorId);
        var email = keys.FirstOrDefault(k => k.Kind == IdentityKind.Email).Value;
        var phone = keys.FirstOrDefault(k => k.Kind == IdentityKind.Phone).Value;
        var customer = new Customer
        {
            DisplayName = email ?? phone ?? (anonymous ? "Anonymous visitor" : "Unknown customer"),
            PrimaryEmail = email,
            Phone = phone,
            IsAnonymous = anonymous,
            CreatedAt = _now,
            UpdatedAt = _now,
        };
        customer.RefreshSearchText();
        var node = new Node(customer, Persisted: false, _sequence++);
        _newNodes.Add(node);
        return node;
    }

    private void FillGap(Customer customer, NormalizedKey key)
    {
        if (key.Kind == IdentityKind.Email && customer.PrimaryEmail is null)
            ApplyProfile(customer, null, key.Value, null, null, null);
        else if (key.Kind == IdentityKind.Phone && customer.Phone is null)
            ApplyProfile(customer, null, null, key.Value, null, null);
    }

    /// <summary>
    /// Newer profile data (by source time) overwrites; older data, or data without a time, only fills gaps.
    /// A customer without profile data yet has a placeholder name, which any name replaces.
    /// Returns whether anything changed.
    /// </summary>
    private bool ApplyProfile(Customer c, string? name, string? email, string? phone, string? company, DateTimeOffset? at)
    {
        var newer = at is not null && (c.ProfileUpdatedAt is null || at >= c.ProfileUpdatedAt);
        var changed = false;
        void Take(string? value, int max, string? current, Action<string> set)
        {
            if (string.IsNullOrWhiteSpace(value)) return;
            value = value.Trim();
            if (value.Length > max) value = value[..max];
            if (value == current || (!newer && current is not null)) return;
            set(value);
            changed = true;
        }

        Take(name, 200, c.ProfileUpdatedAt is null ? null : c.DisplayName, v => c.DisplayName = v);
        Take(email, 320, c.PrimaryEmail, v => c.PrimaryEmail = v);
        Take(phone, 32, c.Phone, v => c.Phone = v);
        Take(company, 200, c.Company, v => c.Company = v);
        if (newer && c.ProfileUpdatedAt != at)
        {
            c.ProfileUpdatedAt = at;
            changed = true;
        }
        if (!changed) return false;
        _changed.Add(c);
        c.UpdatedAt = _now;
        c.RefreshSearchText();
        return true;
    }

    private static Node Find(Node node)
    {
        var root = node;
        while (root.Parent is not null) root = root.Parent;
        while (node.Parent is not null && node.Parent != root)
        {
            var next = node.Parent;
            node.Parent = root;
            node = next;
        }
        return root;
    }

    private sealed record Pending(string RecordId, IReadOnlyList<NormalizedKey> Keys, PersonProfile? Profile)
    {
        public bool Changed { get; set; }
    }

    private sealed record Merge(Node Merged, NormalizedKey MatchedKey, NormalizedKey SurvivorKey, string RecordId);

    private sealed class Node(Customer customer, bool Persisted, int sequence)
    {
        public Customer Customer { get; } = customer;
        public bool Persisted { get; } = Persisted;
        public int Sequence { get; } = sequence;
        public bool IsKnown { get; set; } = !customer.IsAnonymous;
        public Node? Parent { get; set; }

        /// <summary>The CRM contact and helpdesk user ids known to be this customer's (see <see cref="IsPersonId"/>).</summary>
        public HashSet<NormalizedKey> PersonIds { get; } = [];
    }

    /// <summary>Who survives a merge: a known customer over an anonymous visitor, then an existing one, then the oldest.</summary>
    private sealed class SurvivorOrder : IComparer<Node>
    {
        public static readonly SurvivorOrder Instance = new();

        public int Compare(Node? x, Node? y)
        {
            if (ReferenceEquals(x, y)) return 0;
            if (x is null) return 1;
            if (y is null) return -1;
            var c = y.IsKnown.CompareTo(x.IsKnown);
            if (c != 0) return c;
            c = y.Persisted.CompareTo(x.Persisted);
            if (c != 0) return c;
            c = x.Customer.CreatedAt.CompareTo(y.Customer.CreatedAt);
            if (c != 0) return c;
            c = x.Customer.Id.CompareTo(y.Customer.Id);
            return c != 0 ? c : x.Sequence.CompareTo(y.Sequence);
        }
    }
}
