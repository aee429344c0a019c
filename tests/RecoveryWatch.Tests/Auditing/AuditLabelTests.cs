using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using RecoveryWatch.Auditing;
using RecoveryWatch.ReferenceData;

namespace RecoveryWatch.Tests.Auditing;

/// <summary>
/// Every action and record type the code writes to the audit log has a label in the six languages, so a new action cannot
/// ship showing its raw code. The actions are read from the source: the literal in each <c>new AuditEntry(</c> call's
/// action argument, or, where that argument is a variable, the literals assigned to it or passed for it by the callers of
/// the helper that writes the entry, or the names of the enum it is made from.
/// </summary>
public sealed partial class AuditLabelTests
{
    private static readonly ResourceManager Resources = new("RecoveryWatch.Web.Resources.SharedResource", typeof(RecoveryWatch.Web.SharedResource).Assembly);

    [Fact]
    public void Every_audited_action_and_record_type_has_a_label_in_every_language()
    {
        var (actions, types) = AuditedCodes();
        Assert.Contains("start-legal-framework", actions);
        Assert.Contains("publish", actions);
        Assert.Contains("update-from-submission", actions);
        Assert.Contains("object", actions);
        Assert.Contains("LegalFrameworkVersion", types);
        Assert.True(actions.Count > 30, string.Join(", ", actions));
        var missing = new List<string>();
        foreach (var language in Languages.All)
        {
            var set = Resources.GetResourceSet(language == "en" ? CultureInfo.InvariantCulture : CultureInfo.GetCultureInfo(language), createIfNotExists: true, tryParents: false)!;
            missing.AddRange(actions.Select(a => "Audit.Action." + a).Concat(types.Select(t => "Audit.Entity." + t))
                .Where(key => string.IsNullOrWhiteSpace(set.GetString(key))).Select(key => $"{key} ({language})"));
        }

        Assert.Empty(missing);
    }

    [Fact]
    public void Before_and_after_are_flattened_into_paths()
    {
        var fields = AuditDiff.Compare("{\"a\":1,\"b\":{\"c\":[{\"d\":\"x\"}],\"e\":null},\"gone\":true}", "{\"a\":2,\"b\":{\"c\":[{\"d\":\"x\"},{\"d\":\"y\"}],\"e\":null},\"f\":[]}");
        Assert.Equal(["a", "b.c[0].d", "b.e", "gone", "b.c[1].d", "f"], fields.Select(f => f.Path));
        Assert.Equal(("1", "2", true), (fields[0].Before, fields[0].After, fields[0].Changed));
        Assert.False(fields[1].Changed);
        Assert.Equal(("true", (string?)null), (fields[3].Before, fields[3].After));
        Assert.Equal("[]", fields[5].After);
        Assert.Equal("not json", AuditDiff.Flatten("not json")[string.Empty]);
    }

    private static (SortedSet<string> Actions, SortedSet<string> Types) AuditedCodes()
    {
        var actions = new SortedSet<string>(StringComparer.Ordinal);
        var types = new SortedSet<string>(StringComparer.Ordinal);
        var src = Path.Combine(RepositoryRoot(), "src");
        foreach (var file in Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            var text = File.ReadAllText(file);
            foreach (Match call in NewAuditEntry().Matches(text))
            {
                var arguments = Arguments(text, call.Index + call.Length);
                if (arguments.Count != 7)
                {
                    continue; // The constructor's own declaration.
                }

                var where = $"{Path.GetFileName(file)} at {call.Index}";
                var found = Resolve(text, call.Index, arguments[2].Trim(), depth: 0);
                Assert.True(found.Count > 0, $"Cannot tell the action of the audit entry in {where}: '{arguments[2].Trim()}'. Use a literal.");
                actions.UnionWith(found);
                var type = arguments[3].Trim();
                var name = NameOf().Match(type);
                var literal = TypeLiteral().Match(type);
                Assert.True(name.Success || literal.Success, $"Cannot tell the record type of the audit entry in {where}: '{type}'.");
                types.Add(name.Success ? name.Groups[1].Value : literal.Groups[1].Value);
            }
        }

        return (actions, types);
    }

    /// <summary>The action codes an argument can hold: its literals, or what is assigned or passed to the variable it names.</summary>
    private static List<string> Resolve(string text, int position, string argument, int depth)
    {
        var literals = Literals(argument);
        if (literals.Count > 0 || depth > 3)
        {
            return literals;
        }

        var enumName = EnumToLower().Match(argument);
        var variable = enumName.Success ? enumName.Groups[1].Value : argument;
        if (!Identifier().IsMatch(variable))
        {
            return [];
        }

        var found = new List<string>();
        foreach (Match assignment in Regex.Matches(text, $@"\b{variable}\s*=\s*([^;=][^;]*);"))
        {
            found.AddRange(Literals(assignment.Groups[1].Value));
        }

        // The method around the call, if the variable is one of its parameters: what its callers pass for it.
        var declarations = MethodDeclaration().Matches(text[..position]);
        if (declarations.Count > 0)
        {
            var declaration = declarations[^1];
            var parameters = Arguments(text, declaration.Index + declaration.Length);
            var index = parameters.FindIndex(p => Regex.IsMatch(p, $@"\b{variable}\s*$"));
            if (index >= 0)
            {
                var type = parameters[index].Trim().Split(' ')[0];
                var enumType = typeof(AuditEntry).Assembly.GetTypes().FirstOrDefault(t => t.IsEnum && t.Name == type);
                if (enumName.Success && enumType is not null)
                {
                    found.AddRange(Enum.GetNames(enumType).Select(n => n.ToLowerInvariant()));
                }

                var method = declaration.Groups[1].Value;
                foreach (Match call in Regex.Matches(text, $@"\b{method}\("))
                {
                    if (call.Index == declaration.Groups[1].Index)
                    {
                        continue;
                    }

                    var arguments = Arguments(text, call.Index + call.Length);
                    if (arguments.Count > index)
                    {
                        found.AddRange(Resolve(text, call.Index, arguments[index].Trim(), depth + 1));
                    }
                }
            }
        }

        return found;
    }

    private static List<string> Literals(string text) => [.. Literal().Matches(text).Select(m => m.Groups[1].Value)];

    /// <summary>The top-level arguments of the call whose opening parenthesis ends just before <paramref name="start"/>.</summary>
    private static List<string> Arguments(string text, int start)
    {
        var arguments = new List<string>();
        var depth = 0;
        var current = start;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"')
            {
                i++;
                while (i < text.Length && text[i] != '"')
                {
                    i += text[i] == '\\' ? 2 : 1;
                }

                continue;
            }

            if (c is '(' or '[' or '{')
            {
                depth++;
            }
            else if (c is ')' or ']' or '}')
            {
                if (depth == 0)
                {
                    arguments.Add(text[current..i]);
                    return arguments;
                }

                depth--;
            }
            else if (c == ',' && depth == 0)
            {
                arguments.Add(text[current..i]);
                current = i + 1;
            }
        }

        return arguments;
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "RecoveryWatch.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("RecoveryWatch.slnx not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"new AuditEntry\(")]
    private static partial Regex NewAuditEntry();

    [GeneratedRegex("\"([a-z0-9]+(?:-[a-z0-9]+)*)\"")]
    private static partial Regex Literal();

    [GeneratedRegex("^\"(\\w+)\"$")]
    private static partial Regex TypeLiteral();

    [GeneratedRegex(@"^nameof\((?:[\w.]+\.)?(\w+)\)$")]
    private static partial Regex NameOf();

    [GeneratedRegex(@"^(\w+)\.ToString\(\)\.ToLowerInvariant\(\)$")]
    private static partial Regex EnumToLower();

    [GeneratedRegex(@"^\w+$")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"(?:private|public|internal|protected)[^;{}=()]*?\b(\w+)\(")]
    private static partial Regex MethodDeclaration();
}
