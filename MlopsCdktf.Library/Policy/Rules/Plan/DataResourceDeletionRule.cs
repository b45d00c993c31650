using System.Text.Json;
using System.Text.Json.Nodes;
using MlopsCdktf.Policy.Model;

namespace MlopsCdktf.Policy.Rules.Plan;

/// <summary>MLOPS-PLAN-1 (plan only): the plan deletes or replaces a resource holding data that is kept on destroy.</summary>
public sealed class DataResourceDeletionRule : PlanChangeRule
{
    /// <summary>
    /// The data-holding resource types, each with the attribute that marks its data as disposable when true (null: the
    /// data is never disposable; deleting a key makes everything encrypted with it unreadable).
    /// </summary>
    public static IReadOnlyDictionary<string, string?> DataHoldingTypes { get; } = new Dictionary<string, string?>
    {
        ["aws_s3_bucket"] = "force_destroy",
        ["aws_ecr_repository"] = "force_delete",
        ["aws_kms_key"] = null,
        ["aws_secretsmanager_secret"] = null,
        ["aws_sagemaker_notebook_instance"] = null,
        ["google_storage_bucket"] = "force_destroy",
        ["google_filestore_instance"] = null,
        ["google_kms_crypto_key"] = null,
        ["google_artifact_registry_repository"] = null,
    };

    /// <inheritdoc />
    public override string Id => "MLOPS-PLAN-1";

    /// <inheritdoc />
    public override PolicyLevel Level => PolicyLevel.Error;

    /// <inheritdoc />
    public override string Info => "The plan deletes or replaces a resource that holds data kept on destroy (plan mode only).";

    /// <inheritdoc />
    public override string Explanation =>
        "prevent_destroy only guards resources that are still in the configuration: renaming a construct (its id is the "
        + "Terraform address), moving it or removing it plans a deletion Terraform carries out, and an argument that forces "
        + "replacement deletes the data too. Keep the address (a moved block, or the construct's old id), or back the data "
        + "up and suppress on the stack with the reason. Data marked disposable (force_destroy, force_delete) is not reported.";

    /// <inheritdoc />
    protected override RuleResult? Check(PlannedChange change)
    {
        if (!DataHoldingTypes.TryGetValue(change.Element.Type, out var disposableFlag))
        {
            return null;
        }

        if (!change.Deletes)
        {
            return Compliant(change.Element);
        }

        if (disposableFlag is not null && change.Element.Attributes[disposableFlag] is JsonValue flag
            && (flag.GetValueKind() == JsonValueKind.True || JsonValues.Text(flag) == "true"))
        {
            return Compliant(change.Element);
        }

        return NonCompliant(change.Element, $"Terraform plans {(change.Replaces ? "to replace" : "to delete")} it ({change.Describe()}).");
    }
}
