using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RecoveryWatch.Collection;
using RecoveryWatch.Knowledge;

namespace RecoveryWatch.Data;

internal sealed class AssistanceNeedConfiguration : IEntityTypeConfiguration<AssistanceNeed>
{
    public void Configure(EntityTypeBuilder<AssistanceNeed> builder)
    {
        builder.ToTable("AssistanceNeeds");
        builder.Property(n => n.StateCode).HasMaxLength(3).IsRequired();
        builder.HasOne<StateRecord>().WithMany().HasForeignKey(n => n.StateCode).OnDelete(DeleteBehavior.Restrict);
        builder.Property(n => n.AreaCode).HasMaxLength(60).IsRequired();
        builder.Property(n => n.Description).HasMaxLength(Cases.CaseLimits.TextLength).IsRequired();
        builder.Property(n => n.SourceCell).HasMaxLength(40);
        builder.Property(n => n.CreatedBy).HasMaxLength(256).IsRequired();
        builder.Property(n => n.Version).IsConcurrencyToken();
        builder.Ignore(n => n.IsUnmet);
        builder.HasOne<Submission>().WithMany().HasForeignKey(n => n.SubmissionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<InformationRound>().WithMany().HasForeignKey(n => n.RoundId).OnDelete(DeleteBehavior.Restrict);
        // One need per cell of one answer: validating an answer twice, or two validations racing, never records a row twice
        // (NULLs are distinct on both engines, so needs the Secretariat enters are not constrained).
        builder.HasIndex(n => new { n.SubmissionId, n.SourceCell }).IsUnique();
        // The unmet counts group by these.
        builder.HasIndex(n => new { n.Status, n.Type });
        builder.HasIndex(n => new { n.StateCode, n.Status });
    }
}

internal sealed class AssistanceActivityConfiguration : IEntityTypeConfiguration<AssistanceActivity>
{
    public void Configure(EntityTypeBuilder<AssistanceActivity> builder)
    {
        builder.ToTable("AssistanceActivities");
        builder.Property(a => a.Title).HasMaxLength(Cases.CaseLimits.TitleLength).IsRequired();
        builder.Property(a => a.Provider).HasMaxLength(200).IsRequired();
        builder.Property(a => a.Description).HasMaxLength(Cases.CaseLimits.TextLength).IsRequired();
        builder.Property(a => a.CreatedBy).HasMaxLength(256).IsRequired();
        builder.HasIndex(a => a.StartDate);
        builder.HasMany(a => a.States).WithOne().HasForeignKey(s => s.ActivityId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(a => a.Needs).WithOne().HasForeignKey(n => n.ActivityId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(a => a.States).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(a => a.Needs).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class AssistanceActivityStateConfiguration : IEntityTypeConfiguration<AssistanceActivityState>
{
    public void Configure(EntityTypeBuilder<AssistanceActivityState> builder)
    {
        builder.ToTable("AssistanceActivityStates");
        builder.HasKey(s => new { s.ActivityId, s.StateCode });
        builder.Property(s => s.StateCode).HasMaxLength(3);
        builder.HasOne<StateRecord>().WithMany().HasForeignKey(s => s.StateCode).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AssistanceActivityNeedConfiguration : IEntityTypeConfiguration<AssistanceActivityNeed>
{
    public void Configure(EntityTypeBuilder<AssistanceActivityNeed> builder)
    {
        builder.ToTable("AssistanceActivityNeeds");
        builder.HasKey(n => new { n.ActivityId, n.NeedId });
        builder.HasOne<AssistanceNeed>().WithMany().HasForeignKey(n => n.NeedId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(n => n.NeedId);
    }
}
