using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RecoveryWatch.Cases;

namespace RecoveryWatch.Data;

// The search read model (CaseSearchIndex): one index per filter, each led by the audience so that a reader's rows are one
// range, and ending with the case id so that the filters are answered from the index alone.
internal sealed class CaseSearchRowConfiguration : IEntityTypeConfiguration<CaseSearchRow>
{
    public void Configure(EntityTypeBuilder<CaseSearchRow> builder)
    {
        builder.HasKey(r => new { r.Audience, r.CaseId });
        builder.Property(r => r.Title).HasMaxLength(CaseLimits.TitleLength).IsRequired();
        builder.HasOne<Case>().WithMany().HasForeignKey(r => r.CaseId).OnDelete(DeleteBehavior.Cascade);
        // The sort orders of CaseSort, each with the id as tie-breaker (and the keyset of the cursor).
        builder.HasIndex(r => new { r.Audience, r.SortLastYear, r.CaseId });
        builder.HasIndex(r => new { r.Audience, r.SortFirstYear, r.CaseId });
        builder.HasIndex(r => new { r.Audience, r.Title, r.CaseId });
        builder.HasIndex(r => r.CaseId);
    }
}

internal sealed class CaseSearchTermConfiguration : IEntityTypeConfiguration<CaseSearchTerm>
{
    public void Configure(EntityTypeBuilder<CaseSearchTerm> builder)
    {
        builder.HasKey(t => new { t.Audience, t.Kind, t.Code, t.CaseId });
        // The longest code a term holds is a challenge code (State-role and stage-asset codes are shorter).
        builder.Property(t => t.Code).HasMaxLength(Knowledge.ChallengeType.CodeLength).IsRequired();
        builder.HasOne<Case>().WithMany().HasForeignKey(t => t.CaseId).OnDelete(DeleteBehavior.Cascade);
        // A page's States are read by case.
        builder.HasIndex(t => new { t.CaseId, t.Audience, t.Kind });
    }
}

internal sealed class CaseSearchStageConfiguration : IEntityTypeConfiguration<CaseSearchStage>
{
    public void Configure(EntityTypeBuilder<CaseSearchStage> builder)
    {
        builder.HasKey(s => new { s.Audience, s.Stage, s.CaseId });
        builder.Property(s => s.UsdTotal).HasPrecision(24, 2);
        builder.HasOne<Case>().WithMany().HasForeignKey(s => s.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => new { s.Audience, s.Stage, s.FirstYear, s.CaseId });
        builder.HasIndex(s => new { s.CaseId, s.Audience });
    }
}

internal sealed class CaseSearchYearConfiguration : IEntityTypeConfiguration<CaseSearchYear>
{
    public void Configure(EntityTypeBuilder<CaseSearchYear> builder)
    {
        builder.HasKey(y => new { y.Audience, y.Year, y.CaseId });
        builder.HasOne<Case>().WithMany().HasForeignKey(y => y.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(y => y.CaseId);
    }
}

internal sealed class CaseSearchAmountConfiguration : IEntityTypeConfiguration<CaseSearchAmount>
{
    public void Configure(EntityTypeBuilder<CaseSearchAmount> builder)
    {
        builder.HasKey(a => new { a.Audience, a.Usd, a.CaseId });
        builder.Property(a => a.Usd).HasPrecision(20, 2);
        builder.HasOne<Case>().WithMany().HasForeignKey(a => a.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => a.CaseId);
    }
}
