using RecoveryWatch.Knowledge;
using RecoveryWatch.ReferenceData;

namespace RecoveryWatch.Tests.Unit;

/// <summary>The workflow of a good practice and who may take each step, without a database.</summary>
public sealed class GoodPracticeRuleTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);

    private static GoodPractice Practice(string? state = "NGA") =>
        new(state, new PracticeContent("Title", "Summary", "Body", "en", [], [Stage.Frozen], [], []), "author", Now);

    /// <summary>Every status × step: the allowed ones move to the expected status, every other one throws and changes nothing.</summary>
    [Theory]
    [InlineData(PracticeStatus.Draft, PracticeAction.Submit, PracticeStatus.Submitted)]
    [InlineData(PracticeStatus.Draft, PracticeAction.Publish, PracticeStatus.Published)]
    [InlineData(PracticeStatus.Draft, PracticeAction.Withdraw, PracticeStatus.Withdrawn)]
    [InlineData(PracticeStatus.Draft, PracticeAction.Rework, null)]
    [InlineData(PracticeStatus.Submitted, PracticeAction.Submit, null)]
    [InlineData(PracticeStatus.Submitted, PracticeAction.Publish, PracticeStatus.Published)]
    [InlineData(PracticeStatus.Submitted, PracticeAction.Withdraw, PracticeStatus.Withdrawn)]
    [InlineData(PracticeStatus.Submitted, PracticeAction.Rework, null)]
    [InlineData(PracticeStatus.Published, PracticeAction.Submit, null)]
    [InlineData(PracticeStatus.Published, PracticeAction.Publish, null)]
    [InlineData(PracticeStatus.Published, PracticeAction.Withdraw, PracticeStatus.Withdrawn)]
    [InlineData(PracticeStatus.Published, PracticeAction.Rework, null)]
    [InlineData(PracticeStatus.Withdrawn, PracticeAction.Submit, null)]
    [InlineData(PracticeStatus.Withdrawn, PracticeAction.Publish, null)]
    [InlineData(PracticeStatus.Withdrawn, PracticeAction.Withdraw, null)]
    [InlineData(PracticeStatus.Withdrawn, PracticeAction.Rework, PracticeStatus.Draft)]
    public void A_step_applies_only_where_the_workflow_has_it(PracticeStatus from, PracticeAction action, PracticeStatus? expected)
    {
        var practice = Practice();
        Reach(practice, from);
        var version = practice.Version;
        if (expected is null)
        {
            Assert.Throws<PracticeTransitionException>(() => practice.Apply(action, "someone", Now));
            Assert.Equal(from, practice.Status);
            Assert.Equal(version, practice.Version);
        }
        else
        {
            practice.Apply(action, "someone", Now);
            Assert.Equal(expected, practice.Status);
            Assert.Equal(version + 1, practice.Version);
        }
    }

    [Fact]
    public void A_withdrawn_practice_is_reworked_before_it_is_edited_and_an_unchanged_edit_changes_nothing()
    {
        var practice = Practice();
        var content = new PracticeContent("Title", "Summary", "Body", "en", [], [Stage.Frozen], [], []);
        Assert.False(practice.Describe(content, "author", Now));
        Assert.Equal(1, practice.Version);
        practice.Apply(PracticeAction.Withdraw, "author", Now);
        Assert.Throws<PracticeTransitionException>(() => practice.Describe(content with { Title = "New" }, "author", Now));
        practice.Apply(PracticeAction.Rework, "author", Now);
        Assert.True(practice.Describe(content with { Title = "New" }, "author", Now));
    }

    [Fact]
    public void Who_may_do_what()
    {
        var nigeria = PracticeActor.FocalPoint(["NGA"]);
        var secretariat = PracticeActor.Secretariat;
        var anyone = PracticeActor.Public;

        Assert.True(nigeria.MayRead(PracticeStatus.Draft, "NGA"));
        Assert.False(nigeria.MayRead(PracticeStatus.Draft, "KEN"));
        Assert.False(nigeria.MayRead(PracticeStatus.Submitted, null));
        Assert.True(nigeria.MayRead(PracticeStatus.Published, "KEN"));
        Assert.False(anyone.MayRead(PracticeStatus.Submitted, "NGA"));
        Assert.False(anyone.MayRead(PracticeStatus.Withdrawn, "NGA"));
        Assert.True(anyone.MayRead(PracticeStatus.Published, null));

        Assert.True(nigeria.MayEdit(PracticeStatus.Submitted, "NGA"));
        Assert.False(nigeria.MayEdit(PracticeStatus.Published, "NGA"));
        Assert.False(nigeria.MayEdit(PracticeStatus.Draft, "KEN"));
        Assert.True(secretariat.MayEdit(PracticeStatus.Published, "KEN"));
        Assert.False(secretariat.MayEdit(PracticeStatus.Withdrawn, "KEN"));
        Assert.False(anyone.MayEdit(PracticeStatus.Draft, null));

        Assert.False(nigeria.MayApply(PracticeAction.Publish, PracticeStatus.Submitted, "NGA"));
        Assert.True(secretariat.MayApply(PracticeAction.Publish, PracticeStatus.Submitted, "NGA"));
        Assert.True(nigeria.MayApply(PracticeAction.Withdraw, PracticeStatus.Submitted, "NGA"));
        Assert.False(nigeria.MayApply(PracticeAction.Withdraw, PracticeStatus.Published, "NGA"));
        Assert.True(secretariat.MayApply(PracticeAction.Withdraw, PracticeStatus.Published, "NGA"));
        Assert.False(nigeria.MayApply(PracticeAction.Submit, PracticeStatus.Draft, "KEN"));
        Assert.False(anyone.MayApply(PracticeAction.Submit, PracticeStatus.Draft, null));
    }

    private static void Reach(GoodPractice practice, PracticeStatus status)
    {
        switch (status)
        {
            case PracticeStatus.Submitted:
                practice.Apply(PracticeAction.Submit, "author", Now);
                break;
            case PracticeStatus.Published:
                practice.Apply(PracticeAction.Publish, "secretariat", Now);
                break;
            case PracticeStatus.Withdrawn:
                practice.Apply(PracticeAction.Withdraw, "author", Now);
                break;
        }
    }
}
