using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RecoveryWatch.Analytics;
using RecoveryWatch.Auditing;
using RecoveryWatch.Cases;

namespace RecoveryWatch.Data;

internal sealed class CaseConfiguration : IEntityTypeConfiguration<Case>
{
    public void Configure(EntityTypeBuilder<Case> builder)
    {
        builder.Property(c => c.Title).HasMaxLength(CaseLimits.TitleLength).IsRequired();
        builder.Property(c => c.TitleSearch).HasMaxLength(CaseLimits.TitleLength).IsRequired();
        builder.Property(c => c.Summary).HasMaxLength(CaseLimits.SummaryLength).IsRequired();
        builder.Property(c => c.SummarySearch).HasMaxLength(CaseLimits.SummaryLength).IsRequired();
        builder.HasIndex(c => new { c.Status, c.Visibility });
        builder.HasIndex(c => c.LastYear);
        builder.HasIndex(c => c.FirstYear);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasMany(c => c.States).WithOne().HasForeignKey(s => s.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Offences).WithOne().HasForeignKey(s => s.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Proceedings).WithOne().HasForeignKey(s => s.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Measures).WithOne().HasForeignKey(s => s.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Victims).WithOne().HasForeignKey(s => s.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.ThirdParties).WithOne().HasForeignKey(s => s.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Challenges).WithOne().HasForeignKey(s => s.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Sources).WithOne().HasForeignKey(s => s.CaseId).OnDelete(DeleteBehavior.Cascade);
        foreach (var navigation in new[] { nameof(Case.States), nameof(Case.Offences), nameof(Case.Proceedings), nameof(Case.Measures), nameof(Case.Victims), nameof(Case.ThirdParties), nameof(Case.Challenges), nameof(Case.Sources) })
        {
            builder.Navigation(navigation).UsePropertyAccessMode(PropertyAccessMode.Field);
        }
    }
}

internal sealed class CaseStateConfiguration : IEntityTypeConfiguration<CaseState>
{
    public void Configure(EntityTypeBuilder<CaseState> builder)
    {
        builder.Property(s => s.StateCode).HasMaxLength(3).IsRequired();
        builder.HasOne<StateRecord>().WithMany().HasForeignKey(s => s.StateCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => new { s.StateCode, s.Role });
    }
}

internal sealed class CaseOffenceConfiguration : IEntityTypeConfiguration<CaseOffence>
{
    public void Configure(EntityTypeBuilder<CaseOffence> builder)
    {
        builder.Property(o => o.OffenceCode).HasMaxLength(20).IsRequired();
        builder.HasIndex(o => o.OffenceCode);
    }
}

internal sealed class ProceedingConfiguration : IEntityTypeConfiguration<Proceeding>
{
    public void Configure(EntityTypeBuilder<Proceeding> builder)
    {
        builder.Property(p => p.RouteCode).HasMaxLength(20).IsRequired();
        builder.Property(p => p.StateCode).HasMaxLength(3);
        builder.Property(p => p.Description).HasMaxLength(CaseLimits.TextLength);
        builder.HasOne<StateRecord>().WithMany().HasForeignKey(p => p.StateCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => p.RouteCode);
    }
}

internal sealed class AssetMeasureConfiguration : IEntityTypeConfiguration<AssetMeasure>
{
    public void Configure(EntityTypeBuilder<AssetMeasure> builder)
    {
        builder.ToTable("Measures");
        builder.Property(m => m.Amount).HasPrecision(Cases.CaseLimits.AmountPrecision, Cases.CaseLimits.AmountScale);
        builder.Property(m => m.UsdAmount).HasPrecision(20, 2);
        builder.Property(m => m.Currency).HasMaxLength(3).IsRequired();
        builder.Property(m => m.StateCode).HasMaxLength(3);
        builder.Property(m => m.Note).HasMaxLength(CaseLimits.TextLength);
        builder.Property(m => m.ExcessReason).HasMaxLength(CaseLimits.TextLength);
        builder.Property(m => m.ReportingState).HasMaxLength(3);
        builder.Property(m => m.SourceCell).HasMaxLength(40);
        builder.HasOne<CurrencyRecord>().WithMany().HasForeignKey(m => m.Currency).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<StateRecord>().WithMany().HasForeignKey(m => m.StateCode).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(m => m.Money);
        builder.Ignore(m => m.Date);
        builder.HasIndex(m => new { m.Stage, m.Visibility });
    }
}

internal sealed class VictimConfiguration : IEntityTypeConfiguration<Victim>
{
    public void Configure(EntityTypeBuilder<Victim> builder)
    {
        builder.Property(v => v.Description).HasMaxLength(CaseLimits.TextLength);
        builder.Property(v => v.OrderedAmount).HasPrecision(Cases.CaseLimits.AmountPrecision, Cases.CaseLimits.AmountScale);
        builder.Property(v => v.PaidAmount).HasPrecision(Cases.CaseLimits.AmountPrecision, Cases.CaseLimits.AmountScale);
        builder.Property(v => v.OrderedCurrency).HasMaxLength(3);
        builder.Property(v => v.PaidCurrency).HasMaxLength(3);
        builder.Ignore(v => v.CompensationOrdered);
        builder.Ignore(v => v.CompensationPaid);
    }
}

internal sealed class ThirdPartyClaimConfiguration : IEntityTypeConfiguration<ThirdPartyClaim>
{
    public void Configure(EntityTypeBuilder<ThirdPartyClaim> builder)
    {
        builder.Property(t => t.Description).HasMaxLength(CaseLimits.TextLength);
        builder.Property(t => t.Outcome).HasMaxLength(CaseLimits.TextLength);
    }
}

internal sealed class CaseChallengeConfiguration : IEntityTypeConfiguration<CaseChallenge>
{
    public void Configure(EntityTypeBuilder<CaseChallenge> builder)
    {
        builder.Property(c => c.ChallengeCode).HasMaxLength(Knowledge.ChallengeType.CodeLength).IsRequired();
        builder.Property(c => c.Note).HasMaxLength(CaseLimits.TextLength);
        // A type in use is never deleted (it is retired instead).
        builder.HasOne<Knowledge.ChallengeType>().WithMany().HasForeignKey(c => c.ChallengeCode).OnDelete(DeleteBehavior.Restrict);
        builder.Property(c => c.StateCode).HasMaxLength(3);
        builder.HasOne<StateRecord>().WithMany().HasForeignKey(c => c.StateCode).OnDelete(DeleteBehavior.Restrict);
        builder.Property(c => c.ProceedingRoute).HasMaxLength(20);
        builder.HasIndex(c => c.ChallengeCode);
    }
}

internal sealed class CaseSourceConfiguration : IEntityTypeConfiguration<CaseSource>
{
    public void Configure(EntityTypeBuilder<CaseSource> builder)
    {
        builder.Property(s => s.Title).HasMaxLength(CaseLimits.TitleLength);
        builder.Property(s => s.Url).HasMaxLength(2000);
        builder.Property(s => s.StateCode).HasMaxLength(3);
        builder.HasOne<StateRecord>().WithMany().HasForeignKey(s => s.StateCode).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ExchangeRateConfiguration : IEntityTypeConfiguration<ExchangeRate>
{
    public void Configure(EntityTypeBuilder<ExchangeRate> builder)
    {
        builder.Property(r => r.Currency).HasMaxLength(3).IsRequired();
        // Twenty decimals: the rate is imported as units per US dollar and stored inverted, so a currency of tens of thousands
        // of units to the dollar still keeps its significant digits (ten decimals left the rial five).
        builder.Property(r => r.UsdPerUnit).HasPrecision(28, ImportExchangeRates.UsdPerUnitScale);
        builder.Property(r => r.Source).HasMaxLength(200).IsRequired();
        // The rate must be for a currency of the reference data, which is also how imports check the code (FieldRules).
        builder.HasOne<CurrencyRecord>().WithMany().HasForeignKey(r => r.Currency).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.Currency, r.Date }).IsUnique();
    }
}

internal sealed class CountedFigureConfiguration : IEntityTypeConfiguration<CountedFigure>
{
    public void Configure(EntityTypeBuilder<CountedFigure> builder)
    {
        builder.Property(f => f.Reporter).HasMaxLength(3);
        builder.Property(f => f.UsdTotal).HasPrecision(24, 2);
        builder.HasOne<Case>().WithMany().HasForeignKey(f => f.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(f => new { f.CaseId, f.Stage, f.AssetType, f.Visibility, f.Reporter }).IsUnique();
        // Public statistics read published public rows per stage and year without touching the cases.
        builder.HasIndex(f => new { f.CaseStatus, f.CaseVisibility, f.Stage, f.Year });
    }
}

internal sealed class StatisticsCellConfiguration : IEntityTypeConfiguration<StatisticsCell>
{
    public void Configure(EntityTypeBuilder<StatisticsCell> builder)
    {
        builder.Property(c => c.Role).HasMaxLength(40);
        builder.Property(c => c.GroupKey).HasMaxLength(40);
        // The cell's identity, and the order the statistics read it in: a grouping, one audience and role, then the levels.
        builder.HasIndex(c => new { c.Dimension, c.Audience, c.Role, c.CaseStatus, c.CaseVisibility, c.GroupVisibility, c.Stage, c.Year, c.GroupKey }).IsUnique();
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.Property(a => a.Actor).HasMaxLength(256);
        builder.Property(a => a.Action).HasMaxLength(40);
        builder.Property(a => a.EntityType).HasMaxLength(60);
        builder.Property(a => a.EntityId).HasMaxLength(60);
        builder.Property(a => a.Hash).HasMaxLength(64).IsRequired();
        builder.Property(a => a.PreviousHash).HasMaxLength(64).IsRequired();
        builder.HasIndex(a => new { a.EntityType, a.EntityId });
        builder.HasIndex(a => a.Sequence).IsUnique();
        builder.Ignore(a => a.CreationOrder);
    }
}

internal sealed class StateRecordConfiguration : IEntityTypeConfiguration<StateRecord>
{
    public void Configure(EntityTypeBuilder<StateRecord> builder)
    {
        builder.ToTable("ReferenceStates");
        builder.HasKey(s => s.Code);
        builder.Property(s => s.Code).HasMaxLength(3);
        builder.Property(s => s.NameEn).HasMaxLength(200);
    }
}

internal sealed class CurrencyRecordConfiguration : IEntityTypeConfiguration<CurrencyRecord>
{
    public void Configure(EntityTypeBuilder<CurrencyRecord> builder)
    {
        builder.ToTable("ReferenceCurrencies");
        builder.HasKey(c => c.Code);
        builder.Property(c => c.Code).HasMaxLength(3);
        builder.Property(c => c.NameEn).HasMaxLength(200);
    }
}
