using System.Text.Json;
using System.Text.Json.Nodes;
using MlopsCdktf.Policy.Model;

namespace MlopsCdktf.Policy.Rules.Gcp;

/// <summary>MLOPS-GCP-1: API enablements are not undone on destroy.</summary>
public sealed class ProjectServiceKeptOnDestroyRule : ResourceRule
{
    /// <inheritdoc />
    public override string Id => "MLOPS-GCP-1";

    /// <inheritdoc />
    public override PolicyLevel Level => PolicyLevel.Error;

    /// <inheritdoc />
    public override string Info => "The google_project_service does not set disable_on_destroy = false.";

    /// <inheritdoc />
    public override string Explanation =>
        "disable_on_destroy defaults to true: destroying one stack turns the API off for the whole project, breaking every "
        + "other stack, pipeline and person using it, and fails while services that depend on it are still enabled.";

    /// <inheritdoc />
    protected override IReadOnlyList<string> ResourceTypes { get; } = ["google_project_service"];

    /// <inheritdoc />
    protected override RuleResult Check(TerraformElement resource, SynthesizedStack stack) =>
        CompliantIf(resource.Attributes["disable_on_destroy"] is JsonValue value
                    && (value.GetValueKind() == JsonValueKind.False || JsonValues.Text(value) == "false"), resource);
}
