using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RecoveryWatch.Knowledge;

namespace RecoveryWatch.Data;

internal sealed class GoodPracticeConfiguration : IEntityTypeConfiguration<GoodPractice>
{
    public void Configure(EntityTypeBuilder<GoodPractice> builder)
    {
        builder.ToTable("GoodPractices");
        builder.Property(p => p.Title).HasMaxLength(PracticeLimits.TitleLength).IsRequired();
        builder.Property(p => p.Summary).HasMaxLength(PracticeLimits.SummaryLength).IsRequired();
        builder.Property(p => p.Body).HasMaxLength(PracticeLimits.BodyLength).IsRequired();
        builder.Property(p => p.SearchText).IsRequired();
        builder.Property(p => p.StateCode).HasMaxLength(3);
        builder.HasOne<StateRecord>().WithMany().HasForeignKey(p => p.StateCode).OnDelete(DeleteBehavior.Restrict);
        builder.Property(p => p.Language).HasMaxLength(2).IsRequired();
        builder.Property(p => p.CreatedBy).HasMaxLength(256).IsRequired();
        builder.Property(p => p.UpdatedBy).HasMaxLength(256).IsRequired();
        builder.Property(p => p.SubmittedBy).HasMaxLength(256);
        builder.Property(p => p.PublishedBy).HasMaxLength(256);
        builder.Property(p => p.WithdrawnBy).HasMaxLength(256);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.HasIndex(p => new { p.Status, p.PublishedOrder });
        builder.HasIndex(p => p.StateCode);
        builder.HasMany(p => p.Tags).WithOne().HasForeignKey(t => t.PracticeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Attachments).WithOne().HasForeignKey(a => a.PracticeId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(p => p.Tags).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(p => p.Attachments).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class PracticeTagConfiguration : IEntityTypeConfiguration<PracticeTag>
{
    public void Configure(EntityTypeBuilder<PracticeTag> builder)
    {
        builder.Property(t => t.Code).HasMaxLength(PracticeLimits.CodeLength).IsRequired();
        builder.HasIndex(t => new { t.Kind, t.Code });
    }
}

internal sealed class PracticeAttachmentConfiguration : IEntityTypeConfiguration<PracticeAttachment>
{
    public void Configure(EntityTypeBuilder<PracticeAttachment> builder)
    {
        builder.Property(a => a.FileName).HasMaxLength(PracticeLimits.FileNameLength).IsRequired();
        builder.Property(a => a.ContentType).HasMaxLength(PracticeLimits.ContentTypeLength).IsRequired();
        builder.Property(a => a.Sha256).HasMaxLength(64).IsRequired();
        builder.Property(a => a.UploadedBy).HasMaxLength(256).IsRequired();
        builder.Property(a => a.Content).IsRequired();
    }
}
