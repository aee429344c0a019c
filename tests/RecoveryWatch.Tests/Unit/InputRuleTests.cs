using RecoveryWatch.Common;
using RecoveryWatch.ReferenceData;

namespace RecoveryWatch.Tests.Unit;

/// <summary>How codes and text are taken in on every input path.</summary>
public sealed class InputRuleTests
{
    [Theory]
    [InlineData("Frozen", true, Stage.Frozen)]
    [InlineData("frozen", true, Stage.Frozen)]
    [InlineData(" Returned ", true, Stage.Returned)]
    [InlineData("Frozen, Seized", false, default(Stage))]
    [InlineData("Frozen,Seized", false, default(Stage))]
    [InlineData("3", false, default(Stage))]
    [InlineData("0", false, default(Stage))]
    [InlineData("-1", false, default(Stage))]
    [InlineData("Forfeited", false, default(Stage))]
    [InlineData("", false, default(Stage))]
    public void Only_a_defined_name_is_a_code(string text, bool accepted, Stage expected)
    {
        Assert.Equal(accepted, EnumCodes.TryParse<Stage>(text, out var stage));
        Assert.Equal(expected, stage);
    }

    [Theory]
    [InlineData("Title\0with NUL")]
    [InlineData("Bell\u0007")]
    [InlineData("Escape\u001b[31m")]
    [InlineData("Next line\u0085")]
    public void Control_characters_are_refused(string text) =>
        Assert.Equal("ControlCharacter", TextInput.Normalize(text, multiline: true, out _));

    [Theory]
    [InlineData("\u200B\u200B", "")]
    [InlineData("\uFEFF Title \u200E", "Title")]
    [InlineData("\u3164", "")]
    [InlineData("  two\tparts\r\nline  ", "two parts line")]
    [InlineData("Cafe\u0301", "Café")]
    [InlineData("مصادرة الأموال", "مصادرة الأموال")]
    public void Single_line_text_is_composed_and_trimmed_of_invisible_characters(string text, string expected)
    {
        Assert.Null(TextInput.Normalize(text, multiline: false, out var normalized));
        Assert.Equal(expected, normalized);
    }

    [Fact]
    public void Line_breaks_stay_in_multiline_text() =>
        Assert.Equal("first\nsecond", TextInput.Normalize("first\r\nsecond", multiline: true, out var normalized) ?? normalized);

    [Fact]
    public void A_lone_surrogate_is_not_text() =>
        Assert.Equal("InvalidText", TextInput.Normalize("broken \uD800 text", multiline: false, out _));
}
