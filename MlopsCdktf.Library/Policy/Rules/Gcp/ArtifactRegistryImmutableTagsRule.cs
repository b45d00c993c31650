using MlopsCdktf.Policy.Model;

namespace MlopsCdktf.Policy.Rules.Gcp;

/// <summary>MLOPS-GAR-1: Docker repositories in Artifact Registry have immutable tags.</summary>
public sealed class ArtifactRegistryImmutableTagsRule : ResourceRule
{
    /// <inheritdoc />
    public override string Id => "MLOPS-GAR-1";

    /// <inheritdoc />
    public override PolicyLevel Level => PolicyLevel.Error;

    /// <inheritdoc />
    public override string Info => "The Artifact Registry Docker repository does not set docker_config.immutable_tags = true.";

    /// <inheritdoc />
    public override string Explanation =>
        "With mutable tags a push can move churn-serving:1.0.0 to another image: the next pod start runs code nobody reviewed or "
        + "scanned, and a rollback to the tag is no rollback. Immutable tags make a pinned tag mean one image for good.";

    /// <inheritdoc />
    protected override IReadOnlyList<string> ResourceTypes { get; } = ["google_artifact_registry_repository"];

    /// <inheritdoc />
    protected override RuleResult Check(TerraformElement resource, SynthesizedStack stack) =>
        JsonValues.Text(resource.Attributes["format"]) is { } format && !string.Equals(format, "DOCKER", StringComparison.OrdinalIgnoreCase)
            ? NotApplicable(resource)
            : CompliantIf(JsonValues.IsTrue(resource["docker_config.immutable_tags"]), resource);
}
