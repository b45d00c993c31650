using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using MlopsCdktf.Core;
using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Docs;

/// <summary>
/// The inputs tables of the construct pages (<c>docs/constructs/*.md</c>) are generated from the props types and their
/// XML docs (as terraform-google-modules generates its inputs tables): between <c>&lt;!-- props: TypeName --&gt;</c> and
/// <c>&lt;!-- /props --&gt;</c>, one row per settable member with its type, whether it is required, its default (the
/// <c>&lt;value&gt;</c> doc) and its summary. A test fails when a table is stale; <c>make snapshots</c> re-writes them.
/// </summary>
[Category("Snapshot")]
public sealed partial class PropsTableTests
{
    private static readonly Assembly Library = typeof(InputValidator).Assembly;

    private static readonly Lazy<Dictionary<string, XElement>> Docs = new(() =>
        XDocument.Load(Path.ChangeExtension(Library.Location, ".xml")).Descendants("member")
            .ToDictionary(m => m.Attribute("name")!.Value, StringComparer.Ordinal));

    private static IEnumerable<string> Pages() =>
        Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "docs", "constructs"), "*.md").Order(StringComparer.Ordinal);

    [Test]
    public void The_inputs_tables_of_the_construct_pages_are_current()
    {
        var stale = new List<string>();
        foreach (var page in Pages())
        {
            var text = File.ReadAllText(page);
            var updated = TablePattern().Replace(text, m => $"<!-- props: {m.Groups["type"].Value} -->\n{Render(PropsType(m.Groups["type"].Value))}<!-- /props -->");
            if (updated != text && SnapshotAssert.Updating)
            {
                File.WriteAllText(page, updated);
            }
            else if (updated != text)
            {
                stale.Add(Path.GetFileName(page));
            }
        }

        Assert.That(stale, Is.Empty, "stale inputs tables (make snapshots re-writes them): " + string.Join(", ", stale));
    }

    [Test]
    public void Every_props_type_of_the_library_has_a_table_on_a_page()
    {
        var shown = Pages().SelectMany(p => TablePattern().Matches(File.ReadAllText(p)).Select(m => m.Groups["type"].Value)).ToHashSet(StringComparer.Ordinal);
        var props = Library.GetExportedTypes().Where(t => !t.IsAbstract && t.Name.EndsWith("Props", StringComparison.Ordinal)).Select(t => t.Name);

        Assert.That(props.Where(p => !shown.Contains(p)).Order(StringComparer.Ordinal), Is.Empty, "add <!-- props: Name --><!-- /props --> to the construct's page");
    }

    [Test]
    public void Every_optional_member_documents_its_default()
    {
        var missing = Library.GetExportedTypes()
            .Where(t => t.Name.EndsWith("Props", StringComparison.Ordinal))
            .SelectMany(t => Members(t).Where(p => !IsRequired(p) && Default(p) is null).Select(p => $"{t.Name}.{p.Name}"))
            .ToList();

        Assert.That(missing, Is.Empty, "an optional member without <value> documentation");
    }

    private static Type PropsType(string name) =>
        Library.GetExportedTypes().SingleOrDefault(t => t.Name == name)
        ?? throw new AssertionException($"<!-- props: {name} --> names no public type of the library");

    private static IEnumerable<PropertyInfo> Members(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is not null);

    private static bool IsRequired(PropertyInfo property) => property.GetCustomAttribute<RequiredMemberAttribute>() is not null;

    private static XElement? Doc(PropertyInfo property) =>
        Docs.Value.GetValueOrDefault($"P:{property.DeclaringType!.FullName}.{property.Name}");

    private static string? Default(PropertyInfo property) => Doc(property)?.Element("value") is { } value ? Markdown(value) : null;

    internal static string Render(Type type)
    {
        var text = new StringBuilder($"`{type.Name}`:\n\n| member | type | default | what it is |\n|---|---|---|---|\n");
        foreach (var property in Members(type))
        {
            var summary = Doc(property)?.Element("summary") is { } s ? Markdown(s) : "";
            var fallback = IsRequired(property) ? "**required**" : "";
            var value = Default(property) is { } v ? StripDefaultPrefix(v) : fallback;
            text.Append($"| `{property.Name}` | `{TypeName(property.PropertyType)}` | {Cell(value)} | {Cell(summary)} |\n");
        }

        return text.ToString();
    }

    private static string StripDefaultPrefix(string value) =>
        value.StartsWith("The default value is ", StringComparison.Ordinal) ? value["The default value is ".Length..] : value;

    private static string TypeName(Type type) => type switch
    {
        { IsGenericType: true } when type.GetGenericTypeDefinition() == typeof(Nullable<>) => TypeName(type.GetGenericArguments()[0]) + "?",
        { IsGenericType: true } => $"{type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)]}<{string.Join(", ", type.GetGenericArguments().Select(TypeName))}>",
        _ when type == typeof(string) => "string",
        _ when type == typeof(int) => "int",
        _ when type == typeof(bool) => "bool",
        _ when type == typeof(double) => "double",
        _ => type.Name,
    };

    /// <summary>An XML doc element as one line of Markdown: <c>see cref</c> as the short name, <c>c</c> as code.</summary>
    private static string Markdown(XElement element)
    {
        var text = new StringBuilder();
        foreach (var node in element.Nodes())
        {
            text.Append(node switch
            {
                XText t => t.Value,
                XElement { Name.LocalName: "see" or "seealso" } e when e.Attribute("cref") is { } cref => $"`{ShortName(cref.Value)}`",
                XElement { Name.LocalName: "see" } e when e.Attribute("langword") is { } word => $"`{word.Value}`",
                XElement { Name.LocalName: "paramref" or "typeparamref" } e => $"`{e.Attribute("name")?.Value}`",
                XElement { Name.LocalName: "c" } e => $"`{e.Value}`",
                XElement e => Markdown(e),
                _ => "",
            });
        }

        return Whitespace().Replace(text.ToString(), " ").Trim();
    }

    private static string ShortName(string cref)
    {
        var name = cref[2..];
        var paren = name.IndexOf('(', StringComparison.Ordinal);
        if (paren >= 0)
        {
            name = name[..paren];
        }

        var parts = name.Split('.');
        return cref[0] is 'T' ? parts[^1] : $"{parts[^2]}.{parts[^1]}";
    }

    private static string Cell(string value) => value.Replace("|", "\\|", StringComparison.Ordinal);

    [GeneratedRegex(@"<!-- props: (?<type>\w+) -->\n.*?<!-- /props -->", RegexOptions.Singleline)]
    private static partial Regex TablePattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
