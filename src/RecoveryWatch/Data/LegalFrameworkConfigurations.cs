using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RecoveryWatch.Collection;
using RecoveryWatch.Knowledge;

namespace RecoveryWatch.Data;

internal sealed class LegalFrameworkVersionConfiguration : IEntityTypeConfiguration<LegalFrameworkVersion>
{
    public void Configure(EntityTypeBuilder<LegalFrameworkVersion> builder)
    {
        builder.ToTable("LegalFrameworkVersions");
        builder.Property(v => v.StateCode).HasMaxLength(3);
        builder.Property(v => v.Source).HasMaxLength(400);
        builder.Property(v => v.CreatedBy).HasMaxLength(256);
        builder.Property(v => v.UpdatedBy).HasMaxLength(256);
        builder.Property(v => v.SubmittedBy).HasMaxLength(256);
        builder.Property(v => v.ValidatedBy).HasMaxLength(256);
        builder.Property(v => v.Version).IsConcurrencyToken();
        builder.HasOne<StateRecord>().WithMany().HasForeignKey(v => v.StateCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Submission>().WithMany().HasForeignKey(v => v.SubmissionId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(v => new { v.StateCode, v.Number }).IsUnique();

        // At most one open version (draft or submitted) and one validated version per State, whichever app instance writes:
        // two focal points starting a draft at once, or two validations at once, leave one row and a 409 for the other.
        // Named in HasIndex: two unnamed indexes on the same column would be one index to EF.
        builder.HasIndex(v => v.StateCode, "IX_LegalFrameworkVersions_OneOpenPerState").IsUnique().HasFilter("\"Status\" IN ('Draft', 'Submitted')");
        builder.HasIndex(v => v.StateCode, "IX_LegalFrameworkVersions_OneValidatedPerState").IsUnique().HasFilter("\"Status\" = 'Validated'");
        builder.HasMany(v => v.Answers).WithOne().HasForeignKey(a => a.VersionId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(v => v.Answers).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class LegalFrameworkAnswerConfiguration : IEntityTypeConfiguration<LegalFrameworkAnswer>
{
    public void Configure(EntityTypeBuilder<LegalFrameworkAnswer> builder)
    {
        builder.ToTable("LegalFrameworkAnswers");
        LegalAnswerColumns.Configure(builder);
        builder.HasIndex(a => new { a.VersionId, a.QuestionCode }).IsUnique();
    }
}

internal sealed class SubmittedLegalAnswerConfiguration : IEntityTypeConfiguration<SubmittedLegalAnswer>
{
    public void Configure(EntityTypeBuilder<SubmittedLegalAnswer> builder)
    {
        builder.ToTable("SubmittedLegalAnswers");
        LegalAnswerColumns.Configure(builder);
        builder.HasOne<Submission>().WithMany(s => s.LegalAnswers).HasForeignKey(a => a.SubmissionId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>The answer columns a profile and a submitted row share, so a workbook row always fits the profile it becomes.</summary>
internal static class LegalAnswerColumns
{
    public const int CodeLength = 64;

    public static void Configure<T>(EntityTypeBuilder<T> builder)
        where T : class
    {
        builder.Property<string>(nameof(LegalFrameworkAnswer.QuestionCode)).HasMaxLength(CodeLength);
        builder.Property<string>(nameof(LegalFrameworkAnswer.Answer)).HasMaxLength(CodeLength);
        builder.Property<string?>(nameof(LegalFrameworkAnswer.Note)).HasMaxLength(2000);
        builder.Property<string?>(nameof(LegalFrameworkAnswer.LawTitle)).HasMaxLength(400);
        builder.Property<string?>(nameof(LegalFrameworkAnswer.LawArticle)).HasMaxLength(100);
        builder.Property<string?>(nameof(LegalFrameworkAnswer.LawUrl)).HasMaxLength(2000);
    }
}
