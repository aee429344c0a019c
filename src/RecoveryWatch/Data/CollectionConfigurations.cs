using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RecoveryWatch.Collection;

namespace RecoveryWatch.Data;

internal sealed class InformationRoundConfiguration : IEntityTypeConfiguration<InformationRound>
{
    public void Configure(EntityTypeBuilder<InformationRound> builder)
    {
        builder.ToTable("Rounds");
        builder.Property(r => r.Code).HasMaxLength(40);
        builder.HasIndex(r => r.Code).IsUnique();
        builder.Property(r => r.Title).AsLocalizedText();
        builder.Property(r => r.Mandate).HasMaxLength(100);
        builder.Property(r => r.Languages).HasMaxLength(40);
        builder.HasMany(r => r.States).WithOne().HasForeignKey(s => s.RoundId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(r => r.States).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Property(r => r.Version).IsConcurrencyToken();
    }
}

internal sealed class RoundStateConfiguration : IEntityTypeConfiguration<RoundState>
{
    public void Configure(EntityTypeBuilder<RoundState> builder)
    {
        builder.ToTable("RoundStates");
        builder.Property(s => s.StateCode).HasMaxLength(3);
        builder.HasIndex(s => new { s.RoundId, s.StateCode }).IsUnique();
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.HasOne<StateRecord>().WithMany().HasForeignKey(s => s.StateCode).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SubmissionConfiguration : IEntityTypeConfiguration<Submission>
{
    public void Configure(EntityTypeBuilder<Submission> builder)
    {
        builder.Property(s => s.StateCode).HasMaxLength(3);
        builder.Property(s => s.SubmittedBy).HasMaxLength(256);
        builder.Property(s => s.ValidatedBy).HasMaxLength(256);
        builder.Property(s => s.FileName).HasMaxLength(260);
        builder.Property(s => s.Sha256).HasMaxLength(64);
        builder.HasIndex(s => new { s.RoundId, s.StateCode });
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.HasOne<InformationRound>().WithMany().HasForeignKey(s => s.RoundId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(s => s.Cases).WithOne().HasForeignKey(c => c.SubmissionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(s => s.Measures).WithOne().HasForeignKey(m => m.SubmissionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(s => s.Comments).WithOne().HasForeignKey(c => c.SubmissionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(s => s.Details).WithOne().HasForeignKey(d => d.SubmissionId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(s => s.Details).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(s => s.Cases).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(s => s.Measures).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(s => s.Comments).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class SubmittedCaseConfiguration : IEntityTypeConfiguration<SubmittedCase>
{
    public void Configure(EntityTypeBuilder<SubmittedCase> builder)
    {
        builder.Property(c => c.Reference).HasMaxLength(100);
        builder.Property(c => c.Title).HasMaxLength(Cases.CaseLimits.TitleLength);
        builder.Property(c => c.CounterpartState).HasMaxLength(3);
        builder.Property(c => c.Offences).HasMaxLength(200);
        builder.Property(c => c.Routes).HasMaxLength(300);
        builder.Property(c => c.Summary).HasMaxLength(Cases.CaseLimits.SummaryLength);
    }
}

internal sealed class SubmittedMeasureConfiguration : IEntityTypeConfiguration<SubmittedMeasure>
{
    public void Configure(EntityTypeBuilder<SubmittedMeasure> builder)
    {
        builder.Property(m => m.CaseReference).HasMaxLength(100);
        builder.Property(m => m.Amount).HasPrecision(Cases.CaseLimits.AmountPrecision, Cases.CaseLimits.AmountScale);
        builder.Property(m => m.Currency).HasMaxLength(3);
        builder.Property(m => m.Note).HasMaxLength(Cases.CaseLimits.TextLength);
        builder.Property(m => m.ExcessReason).HasMaxLength(Cases.CaseLimits.TextLength);
        builder.Ignore(m => m.Date);
    }
}

internal sealed class SubmissionCommentConfiguration : IEntityTypeConfiguration<SubmissionComment>
{
    public void Configure(EntityTypeBuilder<SubmissionComment> builder)
    {
        builder.Property(c => c.Sheet).HasMaxLength(40);
        builder.Property(c => c.Text).HasMaxLength(4000);
        builder.Property(c => c.By).HasMaxLength(256);
    }
}

internal sealed class MatchProposalConfiguration : IEntityTypeConfiguration<MatchProposal>
{
    public void Configure(EntityTypeBuilder<MatchProposal> builder)
    {
        builder.ToTable("MatchProposals");
        builder.Property(p => p.Reasons).HasMaxLength(400);
        builder.Property(p => p.DecidedBy).HasMaxLength(256);
        builder.Property(p => p.ReportedTitle).HasMaxLength(Cases.CaseLimits.TitleLength);
        builder.Property(p => p.CandidateTitle).HasMaxLength(Cases.CaseLimits.TitleLength);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.HasIndex(p => new { p.ReportedCaseId, p.CandidateCaseId }).IsUnique();
        builder.HasIndex(p => p.CandidateCaseId);
        // No foreign keys to the cases: a decision is a record that must outlive the case a confirmed merge removes (it
        // keeps the ids and titles as they were). Open proposals of a removed case are withdrawn in the same transaction.
    }
}

internal sealed class SubmissionDraftConfiguration : IEntityTypeConfiguration<SubmissionDraft>
{
    public void Configure(EntityTypeBuilder<SubmissionDraft> builder)
    {
        builder.ToTable("SubmissionDrafts");
        builder.Property(d => d.StateCode).HasMaxLength(3);
        builder.Property(d => d.SavedBy).HasMaxLength(256);
        builder.HasIndex(d => new { d.RoundId, d.StateCode }).IsUnique();
        builder.HasOne<InformationRound>().WithMany().HasForeignKey(d => d.RoundId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SubmittedDetailConfiguration : IEntityTypeConfiguration<SubmittedDetail>
{
    public void Configure(EntityTypeBuilder<SubmittedDetail> builder)
    {
        builder.Property(d => d.Sheet).HasMaxLength(40);
        builder.Property(d => d.CaseReference).HasMaxLength(100);
        builder.Property(d => d.Code).HasMaxLength(60);
        builder.Property(d => d.Text).HasMaxLength(Cases.CaseLimits.TextLength);
        builder.Property(d => d.Outcome).HasMaxLength(Cases.CaseLimits.TextLength);
        builder.Property(d => d.CompensationOrdered).HasPrecision(Cases.CaseLimits.AmountPrecision, Cases.CaseLimits.AmountScale);
        builder.Property(d => d.CompensationPaid).HasPrecision(Cases.CaseLimits.AmountPrecision, Cases.CaseLimits.AmountScale);
        builder.Property(d => d.Currency).HasMaxLength(3);
    }
}

internal sealed class RoundReminderConfiguration : IEntityTypeConfiguration<RoundReminder>
{
    public void Configure(EntityTypeBuilder<RoundReminder> builder)
    {
        builder.ToTable("RoundReminders");
        builder.Property(r => r.StateCode).HasMaxLength(3);
        builder.Property(r => r.SentBy).HasMaxLength(256);
        builder.Property(r => r.Recipients).HasMaxLength(RoundReminder.RecipientsLength);
        builder.Property(r => r.Language).HasMaxLength(2);
        builder.Property(r => r.Subject).HasMaxLength(RoundReminder.SubjectLength);
        builder.Property(r => r.Body).HasMaxLength(RoundReminder.BodyLength);

        // One reminder per State and round a day (UTC): two clicks at once, or two app instances, send one, the unique
        // index refusing the second copy whatever the timing.
        builder.HasIndex(r => new { r.RoundId, r.StateCode, r.Day }).IsUnique();
        builder.HasOne<InformationRound>().WithMany().HasForeignKey(r => r.RoundId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<StateRecord>().WithMany().HasForeignKey(r => r.StateCode).OnDelete(DeleteBehavior.Restrict);
    }
}
