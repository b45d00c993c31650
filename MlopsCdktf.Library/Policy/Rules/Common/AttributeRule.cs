using MlopsCdktf.Policy.Model;

namespace MlopsCdktf.Policy.Rules.Common;

/// <summary>
/// A data-driven rule over one attribute of one resource type: every resource of <see cref="ResourceType"/> (to which
/// <see cref="AppliesWhen"/> applies) must have <see cref="AttributePath"/> meet <see cref="Expected"/>. The rules
/// themselves are one definition each in <see cref="Aws.AwsAttributeRules"/> and <see cref="Gcp.GcpAttributeRules"/>.
/// </summary>
public sealed class AttributeRule : ResourceRule
{
    /// <summary>Creates a rule.</summary>
    /// <param name="id">The rule id, e.g. <c>MLOPS-GCS-1</c>.</param>
    /// <param name="level">Error or warning.</param>
    /// <param name="info">One sentence: what is wrong (the finding's message).</param>
    /// <param name="explanation">Why it matters, and what to do instead.</param>
    /// <param name="resourceType">The Terraform resource type checked, e.g. <c>google_storage_bucket</c>.</param>
    /// <param name="attributePath">The attribute, dotted for nested blocks, e.g. <c>docker_config.immutable_tags</c>.</param>
    /// <param name="expected">What the attribute must be.</param>
    /// <param name="appliesWhen">The resources the rule applies to, the others being not applicable; null (the default) for
    /// every resource of the type.</param>
    public AttributeRule(string id, PolicyLevel level, string info, string explanation,
        string resourceType, string attributePath, AttributeExpectation expected, AttributeCondition? appliesWhen = null)
    {
        Id = id;
        Level = level;
        Info = info;
        Explanation = explanation;
        ResourceType = resourceType;
        AttributePath = attributePath;
        Expected = expected;
        AppliesWhen = appliesWhen;
        ResourceTypes = [resourceType];
    }

    /// <inheritdoc />
    public override string Id { get; }

    /// <inheritdoc />
    public override PolicyLevel Level { get; }

    /// <inheritdoc />
    public override string Info { get; }

    /// <inheritdoc />
    public override string Explanation { get; }

    /// <summary>The Terraform resource type checked.</summary>
    public string ResourceType { get; }

    /// <summary>The attribute checked, dotted for nested blocks (the first item of a block list).</summary>
    public string AttributePath { get; }

    /// <summary>What the attribute must be.</summary>
    public AttributeExpectation Expected { get; }

    /// <summary>Which resources the rule applies to, or null for all of <see cref="ResourceType"/>.</summary>
    public AttributeCondition? AppliesWhen { get; }

    /// <inheritdoc />
    protected override IReadOnlyList<string> ResourceTypes { get; }

    /// <inheritdoc />
    protected override RuleResult Check(TerraformElement resource, SynthesizedStack stack) =>
        AppliesWhen is { } condition && !condition.Expected.Holds(resource[condition.AttributePath])
            ? NotApplicable(resource)
            : CompliantIf(Expected.Holds(resource[AttributePath]), resource);
}

/// <summary>Which resources an <see cref="AttributeRule"/> applies to: those whose <paramref name="AttributePath"/> meets <paramref name="Expected"/>.</summary>
/// <param name="AttributePath">The attribute, dotted for nested blocks.</param>
/// <param name="Expected">What it must be for the rule to apply.</param>
public sealed record AttributeCondition(string AttributePath, AttributeExpectation Expected);
