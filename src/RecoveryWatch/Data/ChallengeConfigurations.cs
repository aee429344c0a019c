using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RecoveryWatch.Cases;
using RecoveryWatch.Knowledge;
using RecoveryWatch.ReferenceData;

namespace RecoveryWatch.Data;

internal sealed class ChallengeTypeConfiguration : IEntityTypeConfiguration<ChallengeType>
{
    /// <summary>When the built-in types were adopted: the 14th meeting of the Working Group (item 4(b)).</summary>
    private static readonly DateTimeOffset BuiltInSince = new(2020, 11, 16, 0, 0, 0, TimeSpan.Zero);

    public void Configure(EntityTypeBuilder<ChallengeType> builder)
    {
        builder.ToTable("ChallengeTypes");
        builder.HasKey(t => t.Code);
        builder.Property(t => t.Code).HasMaxLength(ChallengeType.CodeLength);
        foreach (var language in Languages.All)
        {
            builder.Property(ChallengeType.NameProperty(language)).HasMaxLength(ChallengeType.NameLength).IsRequired();
        }

        builder.Property(t => t.Description).HasMaxLength(ChallengeType.DescriptionLength);
        builder.Property(t => t.AddedBy).HasMaxLength(256).IsRequired();
        builder.Property(t => t.Version).IsConcurrencyToken();
        builder.Ignore(t => t.Names);
        // The built-in types are seeded by the migrations from the codebook's CSV, which stays the source of their labels:
        // a migration inserts them once on either engine, under EF's migration lock, so two app instances starting at once
        // cannot insert them twice. A change to the CSV shows as a pending model change and goes out in a migration.
        builder.HasData(ReferenceCatalog.Default.Challenges.Values.OrderBy(c => c.Code, StringComparer.Ordinal).Select(c => new
        {
            c.Code,
            NameEn = c.Names["en"],
            NameFr = c.Names["fr"],
            NameEs = c.Names["es"],
            NameRu = c.Names["ru"],
            NameZh = c.Names["zh"],
            NameAr = c.Names["ar"],
            Description = (string?)null,
            IsBuiltIn = true,
            IsRetired = false,
            AddedBy = DatabaseInitializer.SystemActor,
            AddedAt = BuiltInSince,
            Version = 1,
        }));
    }
}

internal sealed class StateChallengeConfiguration : IEntityTypeConfiguration<StateChallenge>
{
    public void Configure(EntityTypeBuilder<StateChallenge> builder)
    {
        builder.Property(s => s.StateCode).HasMaxLength(3).IsRequired();
        builder.Property(s => s.ChallengeCode).HasMaxLength(ChallengeType.CodeLength).IsRequired();
        builder.Property(s => s.Note).HasMaxLength(CaseLimits.TextLength);
        builder.Property(s => s.SourceCell).HasMaxLength(40).IsRequired();
        builder.HasOne<StateRecord>().WithMany().HasForeignKey(s => s.StateCode).OnDelete(DeleteBehavior.Restrict);
        // A type in use is never deleted (it is retired instead).
        builder.HasOne<ChallengeType>().WithMany().HasForeignKey(s => s.ChallengeCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Collection.Submission>().WithMany().HasForeignKey(s => s.SubmissionId).OnDelete(DeleteBehavior.Restrict);
        // One report per cell of a validated answer: a validation that ran twice could not store it twice.
        builder.HasIndex(s => new { s.SubmissionId, s.SourceCell }).IsUnique();
        builder.HasIndex(s => s.ChallengeCode);
    }
}
