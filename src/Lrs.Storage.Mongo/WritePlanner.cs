using Lrs.Xapi.Errors;
using Lrs.Xapi.Json;
using Lrs.Xapi.Statements;
using Lrs.Xapi.Storage;
using Newtonsoft.Json.Linq;

namespace Lrs.Storage.Mongo;

/// <summary>
/// Decides what a group of batches writes, with the same rules and in the same order as the SQLite writer: each
/// statement sees the database plus every statement accepted before it, in its own batch or an earlier batch of the
/// group. A batch that breaks a rule is dropped whole and the batches around it go on, which is what SQLite does with
/// a savepoint per batch; MongoDB transactions have no savepoints, so a batch's decisions are kept apart until it has
/// passed and nothing is written before the whole plan is made.
/// </summary>
internal static class WritePlanner
{
    public static async Task<WritePlan> PlanAsync(IReadOnlyList<(string Store, StatementBatch Batch)> group, IStatementLookup db,
        long lastPosition, DateTimeOffset stored, CancellationToken cancellationToken)
    {
        var plan = new WritePlan { LastPosition = lastPosition };
        var accepted = new Scratch(null);
        for (var i = 0; i < group.Count; i++)
        {
            var (store, batch) = group[i];
            var scratch = new Scratch(accepted) { LastPosition = plan.LastPosition };
            try
            {
                foreach (var statement in batch.Statements)
                {
                    await PlanStatementAsync(store, statement, scratch, db, stored, cancellationToken);
                }

                foreach (var attachment in batch.Attachments)
                {
                    if (!scratch.HasAttachment(store, attachment.Sha2) && !await db.HasAttachmentAsync(store, attachment.Sha2, cancellationToken))
                    {
                        scratch.Attachments.Add((store, attachment));
                    }
                }
            }
            catch (XapiException e)
            {
                plan.Failures[i] = e;
                continue;
            }

            accepted.Absorb(scratch);
            plan.LastPosition = scratch.LastPosition;
        }

        plan.Inserts.AddRange(accepted.Inserts.Values.OrderBy(d => d.Position));
        plan.MarkVoided.AddRange(accepted.MarkVoided);
        plan.Voids.AddRange(accepted.Voids);
        foreach (var (key, definition) in accepted.Definitions)
        {
            plan.Definitions[key] = definition;
        }

        plan.Attachments.AddRange(accepted.Attachments);
        return plan;
    }

    private static async Task PlanStatementAsync(string store, StatementToStore s, Scratch scratch, IStatementLookup db, DateTimeOffset stored, CancellationToken cancellationToken)
    {
        if (await FindAsync(store, s.Id, scratch, db, cancellationToken) is { } existing)
        {
            if (!SameStatement(existing, s))
            {
                throw new ConflictException($"statement {s.Id} is already stored with different content");
            }

            return; // The same statement again: nothing to do, and not an error.
        }

        if (s.Voids is { } target)
        {
            if (await FindAsync(store, target, scratch, db, cancellationToken) is { Voiding: true })
            {
                throw new ValidationException("object.id", $"statement {target} is itself a voiding statement and cannot be voided");
            }

            scratch.MarkTargetVoided(store, target);
            scratch.Voids.Add(new VoidRecord(store, target, s.Id));
        }

        var voidedAlready = scratch.IsVoidTarget(store, s.Id) || await db.IsVoidTargetAsync(store, s.Id, cancellationToken);
        var keys = StatementKeys.From(s.Index);
        if ((s.RefersTo ?? s.Voids) is { } referred && await FindAsync(store, referred, scratch, db, cancellationToken) is { } referredStatement)
        {
            // A statement about another statement, voiding ones included, matches that statement's filters too
            // (Communication 2.1.3, "Filter Conditions for StatementRefs").
            keys = keys.With(StatementIndexer.Build((JObject)XapiJson.Parse(referredStatement.Json)));
        }

        scratch.LastPosition++;
        scratch.Inserts[(store, s.Id)] = new StatementDocument
        {
            Store = store,
            Id = s.Id,
            Position = scratch.LastPosition,
            Stored = stored,
            Voided = voidedAlready,
            Voiding = s.Voids is not null,
            Authority = s.AuthorityKey,
            Json = StatementStamp.Apply(s.Json, stored, s.NeedsTimestamp),
            Keys = keys,
        };

        foreach (var definition in s.Definitions)
        {
            var held = scratch.FindDefinition(store, definition.ActivityId) ?? await db.FindDefinitionAsync(store, definition.ActivityId, cancellationToken);
            var merged = ActivityDefinitions.Merge(held is null ? null : (JObject)XapiJson.Parse(held), definition.Definition);
            scratch.Definitions[(store, definition.ActivityId)] = XapiJson.Serialize(merged);
        }
    }

    private static async Task<HeldStatement?> FindAsync(string store, Guid id, Scratch scratch, IStatementLookup db, CancellationToken cancellationToken) =>
        scratch.Find(store, id) ?? await db.FindAsync(store, id, cancellationToken);

    /// <summary>
    /// Compares a stored statement with a new one of the same id. A timestamp the LRS filled in (equal to stored) is
    /// not the client's, so it is left out when the new statement has none either.
    /// </summary>
    private static bool SameStatement(HeldStatement existing, StatementToStore incoming)
    {
        var held = (JObject)XapiJson.Parse(existing.Json);
        if (incoming.NeedsTimestamp && (string?)held["timestamp"] == (string?)held["stored"])
        {
            held.Remove("timestamp");
        }

        return StatementComparer.AreEqual(held, incoming.Statement);
    }

    /// <summary>Decisions of one batch (or, as the parent, of every batch accepted so far), consulted before the database.</summary>
    private sealed class Scratch(Scratch? parent)
    {
        public Dictionary<(string Store, Guid Id), StatementDocument> Inserts { get; } = [];

        public List<(string Store, Guid Id)> MarkVoided { get; } = [];

        public List<VoidRecord> Voids { get; } = [];

        public Dictionary<(string Store, string ActivityId), string> Definitions { get; } = [];

        public List<(string Store, AttachmentContent Attachment)> Attachments { get; } = [];

        public long LastPosition { get; set; }

        /// <summary>Statements of earlier batches that this batch voids: applied only if this batch is accepted.</summary>
        private readonly List<(string Store, Guid Id)> _voidsParentInserts = [];

        public HeldStatement? Find(string store, Guid id) =>
            Inserts.TryGetValue((store, id), out var doc) ? new HeldStatement(doc.Json, doc.Voiding) : parent?.Find(store, id);

        public bool IsVoidTarget(string store, Guid id) =>
            Voids.Exists(v => v.Store == store && v.Target == id) || (parent?.IsVoidTarget(store, id) ?? false);

        public string? FindDefinition(string store, string activityId) =>
            Definitions.TryGetValue((store, activityId), out var json) ? json : parent?.FindDefinition(store, activityId);

        public bool HasAttachment(string store, string sha2) =>
            Attachments.Exists(a => a.Store == store && a.Attachment.Sha2 == sha2) || (parent?.HasAttachment(store, sha2) ?? false);

        public void MarkTargetVoided(string store, Guid target)
        {
            if (Inserts.TryGetValue((store, target), out var doc))
            {
                Inserts[(store, target)] = doc with { Voided = true };
            }
            else if (parent?.Find(store, target) is not null)
            {
                _voidsParentInserts.Add((store, target));
            }
            else
            {
                MarkVoided.Add((store, target));
            }
        }

        /// <summary>Takes an accepted batch's decisions into this (parent) scratch.</summary>
        public void Absorb(Scratch batch)
        {
            foreach (var (key, doc) in batch.Inserts)
            {
                Inserts[key] = doc;
            }

            foreach (var key in batch._voidsParentInserts)
            {
                Inserts[key] = Inserts[key] with { Voided = true };
            }

            MarkVoided.AddRange(batch.MarkVoided);
            Voids.AddRange(batch.Voids);
            foreach (var (key, json) in batch.Definitions)
            {
                Definitions[key] = json;
            }

            Attachments.AddRange(batch.Attachments);
        }
    }
}
