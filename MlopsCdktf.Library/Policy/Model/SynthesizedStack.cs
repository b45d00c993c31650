using System.Text.Json;
using System.Text.Json.Nodes;
using HashiCorp.Cdktf;

namespace MlopsCdktf.Policy.Model;

/// <summary>
/// The read-only view rules evaluate: one stack's synthesized Terraform JSON (what <c>cdk.tf.json</c> holds), its
/// resources and data sources by type, and reference resolution within the stack as Terraform would do it.
/// </summary>
public sealed class SynthesizedStack
{
    private readonly Dictionary<string, TerraformElement> _byAddress;

    private SynthesizedStack(string name, IReadOnlyList<TerraformElement> elements, IReadOnlyList<PlannedChange>? changes = null)
    {
        Name = name;
        Elements = elements;
        Changes = changes;
        _byAddress = new Dictionary<string, TerraformElement>(StringComparer.Ordinal);
        foreach (var element in elements)
        {
            _byAddress.TryAdd(element.Address, element);
        }
    }

    /// <summary>The stack name (the construct id of the stack).</summary>
    public string Name { get; }

    /// <summary>Every resource and data source, in document order.</summary>
    public IReadOnlyList<TerraformElement> Elements { get; }

    /// <summary>
    /// What the plan does to each resource (<c>resource_changes</c>) when the model was read from a plan
    /// (<see cref="FromPlan"/>); null for synthesized JSON. Rules of <see cref="PolicyModes.Plan"/> only read it.
    /// </summary>
    public IReadOnlyList<PlannedChange>? Changes { get; }

    /// <summary>Which reader built the model: <see cref="PolicyModes.Plan"/> or <see cref="PolicyModes.Synthesized"/>.</summary>
    public PolicyModes Mode => Changes is null ? PolicyModes.Synthesized : PolicyModes.Plan;

    /// <summary>Builds the model from a stack as CDKTF synthesizes it (<c>TerraformStack.ToTerraform()</c>, tokens resolved).</summary>
    public static SynthesizedStack From(TerraformStack stack)
    {
        // jsii hands the JavaScript object back as nested Dictionary<string, object> / object[] / primitives.
        // What app.Synth() does first: cross-stack references become this stack's remote-state data sources (and the
        // other stack's outputs), so references resolve as they will be written. Idempotent: synth reuses them.
        stack.PrepareStack();
        var json = JsonSerializer.SerializeToNode(stack.ToTerraform())?.AsObject()
            ?? throw new InvalidOperationException($"Stack {stack.Node.Path} synthesized no Terraform JSON.");
        return Parse(stack.Node.Id, json);
    }

    /// <summary>Builds the model from a stack's Terraform JSON (e.g. a parsed <c>cdk.tf.json</c>); the JSON is copied.</summary>
    public static SynthesizedStack Parse(string stackName, JsonObject terraformJson)
    {
        var elements = new List<TerraformElement>();
        foreach (var (block, kind) in new[] { ("resource", ElementKind.Resource), ("data", ElementKind.DataSource) })
        {
            foreach (var (type, byName) in terraformJson[block] as JsonObject ?? [])
            {
                foreach (var (name, body) in byName as JsonObject ?? [])
                {
                    var attributes = (JsonObject)body!.DeepClone();
                    var path = JsonValues.Text(JsonValues.At(attributes, "//.metadata.path")) ?? $"{stackName}/{name}";
                    attributes.Remove("//");
                    elements.Add(new TerraformElement
                    {
                        Kind = kind,
                        Type = type,
                        Name = name,
                        ConstructPath = path,
                        Attributes = attributes,
                    });
                }
            }
        }

        return new SynthesizedStack(stackName, elements);
    }

    /// <summary>
    /// Builds the model from <c>terraform show -json &lt;plan&gt;</c> (<see cref="PlanReader"/>): the planned values of every
    /// resource and data source, root and child modules, with each attribute's whole-string reference kept as written
    /// (so rules see the same wiring as in synthesized JSON) and every other value as Terraform resolved it; construct
    /// paths from <paramref name="synthesizedJson"/> (the stack's <c>cdk.tf.json</c>, whose <c>//</c> metadata records them).
    /// </summary>
    /// <param name="stackName">The stack the plan is of.</param>
    /// <param name="plan">The output of <c>terraform show -json</c> for a saved plan.</param>
    /// <param name="synthesizedJson">The stack's synthesized JSON the plan was made from; without it, paths are <c>&lt;stack&gt;/&lt;name&gt;</c>.</param>
    public static SynthesizedStack FromPlan(string stackName, JsonObject plan, JsonObject? synthesizedJson)
    {
        var (elements, changes) = PlanReader.Read(stackName, plan, synthesizedJson);
        return new SynthesizedStack(stackName, elements, changes);
    }

    /// <summary>The construct path CDKTF recorded for block <paramref name="name"/> of <paramref name="type"/> in <c>resource</c>, <c>data</c> or <c>module</c>.</summary>
    internal static string? ConstructPathIn(JsonObject? terraformJson, string block, string? type, string name)
    {
        var byName = type is null ? terraformJson?[block] : terraformJson?[block]?[type];
        return JsonValues.Text(JsonValues.At(byName?[name], "//.metadata.path"));
    }

    /// <summary>All managed resources of <paramref name="type"/>.</summary>
    public IEnumerable<TerraformElement> Resources(string type) =>
        Elements.Where(e => e.Kind == ElementKind.Resource && e.Type == type);

    /// <summary>All data sources of <paramref name="type"/>.</summary>
    public IEnumerable<TerraformElement> DataSources(string type) =>
        Elements.Where(e => e.Kind == ElementKind.DataSource && e.Type == type);

    /// <summary>The element a whole-string reference (<c>${type.name.attr}</c>) points to, if it is in this stack.</summary>
    public TerraformElement? Resolve(string? value) =>
        TerraformReference.Parse(value) is { } reference
            ? _byAddress.GetValueOrDefault(reference.Kind == ElementKind.DataSource
                ? $"data.{reference.Type}.{reference.Name}"
                : $"{reference.Type}.{reference.Name}")
            : null;

    /// <summary>
    /// Whether <paramref name="value"/> designates <paramref name="target"/> the way Terraform would resolve it: a
    /// reference to one of <paramref name="attributes"/> of the target, or a literal equal to the target's
    /// <paramref name="literalAttribute"/> (e.g. the bucket name).
    /// </summary>
    public static bool Designates(JsonNode? value, TerraformElement target, IReadOnlyCollection<string> attributes, string? literalAttribute = null)
    {
        var text = JsonValues.Text(value);
        if (text is null)
        {
            return false;
        }

        if (TerraformReference.Parse(text) is { } reference)
        {
            return reference.Kind == target.Kind && reference.Type == target.Type && reference.Name == target.Name
                && attributes.Contains(reference.Attribute);
        }

        return literalAttribute is not null && !text.Contains("${", StringComparison.Ordinal)
            && JsonValues.Text(target.Attributes[literalAttribute]) == text;
    }
}
