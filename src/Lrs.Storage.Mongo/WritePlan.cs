using Lrs.Xapi.Errors;
using Lrs.Xapi.Storage;

namespace Lrs.Storage.Mongo;

/// <summary>
/// What one group commit writes, decided before anything is written: the statements to insert (with positions,
/// stored, voided flags and filter fields), the stored statements to mark voided, the void records, the merged
/// activity definitions, the new attachments, and the batches refused with their reason.
/// </summary>
internal sealed class WritePlan
{
    public List<StatementDocument> Inserts { get; } = [];

    public List<(string Store, Guid Id)> MarkVoided { get; } = [];

    public List<VoidRecord> Voids { get; } = [];

    /// <summary>Final canonical definitions by (store, activity id), as JSON.</summary>
    public Dictionary<(string Store, string ActivityId), string> Definitions { get; } = [];

    public List<(string Store, AttachmentContent Attachment)> Attachments { get; } = [];

    /// <summary>Refused batches by their index in the group.</summary>
    public Dictionary<int, XapiException> Failures { get; } = [];

    public long LastPosition { get; set; }
}

/// <summary>A voiding statement recorded by its target, so a target that arrives later is stored voided.</summary>
internal sealed record VoidRecord(string Store, Guid Target, Guid VoidedBy);
