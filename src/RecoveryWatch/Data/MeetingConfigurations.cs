using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RecoveryWatch.Common;
using RecoveryWatch.Meetings;

namespace RecoveryWatch.Data;

/// <summary>Texts in several languages are stored as one JSON object per column: they are read whole, never queried by language.</summary>
internal static class LocalizedTextMapping
{
    private static readonly ValueComparer<LocalizedText> Comparer = new(
        (a, b) => a != null && b != null && a.Equals(b),
        t => t.GetHashCode(),
        t => LocalizedText.FromJson(t.ToJson()));

    public static PropertyBuilder<LocalizedText> AsLocalizedText(this PropertyBuilder<LocalizedText> property) =>
        property.HasConversion(t => t.ToJson(), json => LocalizedText.FromJson(json), Comparer).IsRequired();
}

internal sealed class BodyConfiguration : IEntityTypeConfiguration<Body>
{
    public void Configure(EntityTypeBuilder<Body> builder)
    {
        builder.Property(b => b.SymbolStem).HasMaxLength(60);
        builder.HasIndex(b => b.SymbolStem).IsUnique();
        builder.Property(b => b.Name).AsLocalizedText();
    }
}

internal sealed class MeetingConfiguration : IEntityTypeConfiguration<Meeting>
{
    public void Configure(EntityTypeBuilder<Meeting> builder)
    {
        builder.HasOne(m => m.Body).WithMany().HasForeignKey(m => m.BodyId);
        builder.HasIndex(m => new { m.BodyId, m.Ordinal }).IsUnique();
        builder.Property(m => m.Title).AsLocalizedText();
        builder.Property(m => m.Venue).AsLocalizedText();
        builder.Property(m => m.Room).AsLocalizedText();
        builder.Property(m => m.TimeZone).HasMaxLength(60);
        builder.Property(m => m.AgendaSymbol).HasMaxLength(100);
        builder.Property(m => m.InterpretationLanguages).HasMaxLength(40);
        builder.Property(m => m.Mandates).HasMaxLength(200);
        builder.Ignore(m => m.Zone);
        builder.HasMany(m => m.Items).WithOne().HasForeignKey(i => i.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(m => m.JointSittings).WithOne().HasForeignKey(j => j.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(m => m.Slots).WithOne().HasForeignKey(s => s.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(m => m.Items).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(m => m.JointSittings).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(m => m.Slots).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(m => m.Amendments).WithOne().HasForeignKey(a => a.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(m => m.Amendments).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class AgendaAmendmentConfiguration : IEntityTypeConfiguration<AgendaAmendment>
{
    public void Configure(EntityTypeBuilder<AgendaAmendment> builder)
    {
        builder.Property(a => a.Text).HasMaxLength(8000);
        builder.Property(a => a.RecordedBy).HasMaxLength(256);
    }
}

internal sealed class AgendaItemConfiguration : IEntityTypeConfiguration<AgendaItem>
{
    public void Configure(EntityTypeBuilder<AgendaItem> builder)
    {
        builder.Property(i => i.Letter).HasMaxLength(4);
        builder.Property(i => i.Title).AsLocalizedText();
        builder.Property(i => i.Annotation).AsLocalizedText();
        builder.Property(i => i.Documents).HasMaxLength(1000);
        builder.Ignore(i => i.Label);
        builder.Ignore(i => i.DocumentSymbols);
    }
}

internal sealed class JointSittingConfiguration : IEntityTypeConfiguration<JointSitting>
{
    public void Configure(EntityTypeBuilder<JointSitting> builder)
    {
        builder.Property(j => j.Footnote).HasMaxLength(4);
        builder.Property(j => j.Items).HasMaxLength(100);
        builder.Property(j => j.Partners).HasMaxLength(500);
        builder.Property(j => j.Text).AsLocalizedText();
    }
}

internal sealed class WorkSlotConfiguration : IEntityTypeConfiguration<WorkSlot>
{
    public void Configure(EntityTypeBuilder<WorkSlot> builder)
    {
        builder.Property(s => s.Uid).HasMaxLength(40);
        builder.HasIndex(s => s.Uid).IsUnique();
        builder.Property(s => s.Items).HasMaxLength(200);
        builder.Property(s => s.ContinuedItems).HasMaxLength(200);
        builder.Property(s => s.Footnotes).HasMaxLength(20);
        builder.Property(s => s.Description).AsLocalizedText();
    }
}

internal sealed class MeetingDocumentConfiguration : IEntityTypeConfiguration<MeetingDocument>
{
    public void Configure(EntityTypeBuilder<MeetingDocument> builder)
    {
        builder.ToTable("Documents");
        builder.Property(d => d.Symbol).HasMaxLength(100);
        builder.HasIndex(d => d.Symbol).IsUnique();
        builder.Property(d => d.Title).AsLocalizedText();
        builder.Property(d => d.OriginalLanguage).HasMaxLength(2);
        builder.HasMany(d => d.Versions).WithOne().HasForeignKey(v => v.DocumentId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(d => d.Versions).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(d => d.Items).WithOne().HasForeignKey(i => i.DocumentId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(d => d.Items).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class DocumentItemLinkConfiguration : IEntityTypeConfiguration<DocumentItemLink>
{
    public void Configure(EntityTypeBuilder<DocumentItemLink> builder)
    {
        builder.ToTable("DocumentItems");
        builder.Property(i => i.ItemLabel).HasMaxLength(10);
        builder.HasOne<Meeting>().WithMany().HasForeignKey(i => i.MeetingId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DocumentVersionConfiguration : IEntityTypeConfiguration<DocumentVersion>
{
    public void Configure(EntityTypeBuilder<DocumentVersion> builder)
    {
        builder.Property(v => v.Language).HasMaxLength(2);
        builder.HasIndex(v => new { v.DocumentId, v.Language }).IsUnique();
        builder.Property(v => v.FileName).HasMaxLength(260);
        builder.Property(v => v.ContentType).HasMaxLength(120);
        builder.Property(v => v.Sha256).HasMaxLength(64);
    }
}

internal sealed class ParticipantConfiguration : IEntityTypeConfiguration<Participant>
{
    public void Configure(EntityTypeBuilder<Participant> builder)
    {
        builder.Property(p => p.StateCode).HasMaxLength(3);
        builder.Property(p => p.Name).HasMaxLength(200);
        builder.Property(p => p.Email).HasMaxLength(EmailAddresses.MaxLength);
        builder.Property(p => p.RegisteredBy).HasMaxLength(256);
        builder.HasOne<Meeting>().WithMany().HasForeignKey(p => p.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<StateRecord>().WithMany().HasForeignKey(p => p.StateCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => new { p.MeetingId, p.StateCode });
    }
}

internal sealed class SilenceProcedureConfiguration : IEntityTypeConfiguration<SilenceProcedure>
{
    public void Configure(EntityTypeBuilder<SilenceProcedure> builder)
    {
        builder.Property(s => s.DraftSymbol).HasMaxLength(100);
        builder.Property(s => s.CirculatedBy).HasMaxLength(256);
        builder.HasOne<Meeting>().WithMany().HasForeignKey(s => s.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(s => s.Breaks).WithOne().HasForeignKey(b => b.ProcedureId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(s => s.Breaks).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Property(s => s.Version).IsConcurrencyToken();
        // At most one open procedure per meeting, whatever two Secretariat members click at once.
        builder.HasIndex(s => s.MeetingId).IsUnique().HasFilter("\"Status\" = 'Open'").HasDatabaseName("IX_SilenceProcedures_OneOpenPerMeeting");
    }
}

internal sealed class SilenceBreakConfiguration : IEntityTypeConfiguration<SilenceBreak>
{
    public void Configure(EntityTypeBuilder<SilenceBreak> builder)
    {
        builder.Property(b => b.StateCode).HasMaxLength(3);
        builder.Property(b => b.Text).HasMaxLength(8000);
        builder.Property(b => b.By).HasMaxLength(256);
    }
}
