using Constructs;
using HashiCorp.Cdktf;
using MlopsCdktf.Policy.Model;
using MlopsCdktf.Policy.Rules.Aws;
using MlopsCdktf.Policy.Rules.Common;
using MlopsCdktf.Policy.Rules.Gcp;
using MlopsCdktf.Policy.Rules.Kubernetes;
using MlopsCdktf.Policy.Rules.Monitoring;
using MlopsCdktf.Policy.Rules.Plan;

namespace MlopsCdktf.Policy;

/// <summary>A set of rules with unique ids, evaluated together over a stack.</summary>
public sealed class PolicyPack
{
    /// <summary>Creates a pack; ids must be unique and follow <see cref="PolicyRule.IdPattern"/>.</summary>
    /// <exception cref="ArgumentException">When an id is malformed or used twice.</exception>
    public PolicyPack(IEnumerable<PolicyRule> rules)
    {
        Rules = rules.ToList();
        var bad = Rules.Where(r => !PolicyRule.IdPattern.IsMatch(r.Id)).Select(r => r.Id)
            .Concat(Rules.GroupBy(r => r.Id).Where(g => g.Count() > 1).Select(g => $"{g.Key} (duplicate)"))
            .ToList();
        if (bad.Count > 0)
        {
            throw new ArgumentException($"Invalid policy rule ids: {string.Join(", ", bad)}.", nameof(rules));
        }
    }

    /// <summary>This library's rules: what every stack built with it must satisfy.</summary>
    public static PolicyPack Default { get; } = new(
    [
        new S3BucketPublicAccessBlockRule(),
        new S3BucketKmsEncryptionRule(),
        new S3BucketVersioningRule(),
        new S3BucketTlsOnlyRule(),
        new IamNoWildcardActionsRule(),
        new IamNoWildcardResourcesRule(),
        new IamNoFullAccessManagedPolicyRule(),
        AwsAttributeRules.KmsKeyRotation,
        new KmsKeyPolicyRule(),
        new SageMakerEndpointEncryptionRule(),
        AwsAttributeRules.SageMakerDataCapture,
        AwsAttributeRules.SageMakerNetworkIsolation,
        new SageMakerDeploymentRollbackRule(),
        new SageMakerCaptureMonitoredRule(),
        new EksPublicEndpointRule(),
        new EksSecretsEncryptionRule(),
        new EksControlPlaneLoggingRule(),
        new EksGpuNodeGroupTaintRule(),
        AwsAttributeRules.LaunchTemplateImdsV2,
        AwsAttributeRules.LaunchTemplateHopLimit,
        GcpAttributeRules.GcsPublicAccessPrevention,
        GcpAttributeRules.GcsUniformBucketLevelAccess,
        GcpAttributeRules.GkePrivateNodes,
        GcpAttributeRules.GkeWorkloadIdentity,
        new GkeShieldedNodesRule(),
        new GkeMetadataServerRule(),
        new GkeNodeServiceAccountRule(),
        new GkeDefaultPoolNodeConfigRule(),
        new GkeGpuMetricsRule(),
        GcpAttributeRules.ArtifactRegistryImmutableTags,
        GcpAttributeRules.ArtifactRegistryScanning,
        new ProjectServiceKeptOnDestroyRule(),
        new AlertPolicyNotificationRule(),
        new KubernetesNamespaceClassificationRule(),
        new KubernetesDefaultNamespaceRule(),
        .. KubernetesContainerRules.All,
        new KubernetesAutoscalerMetricSourceRule(),
        new UniqueResourceNamesRule(),
        new DataResourceDeletionRule(),
        new ServingCapacityReplacementRule(),
    ]);

    /// <summary>The rules, in evaluation order.</summary>
    public IReadOnlyList<PolicyRule> Rules { get; }

    /// <summary>The rule with <paramref name="id"/>, or null.</summary>
    public PolicyRule? Find(string id) => Rules.FirstOrDefault(r => r.Id == id);

    /// <summary>Evaluates <paramref name="stack"/>'s Terraform with the suppressions recorded in its construct tree.</summary>
    public PolicyReport Evaluate(TerraformStack stack) => Evaluate(stack, SynthesizedStack.From(stack));

    /// <summary>
    /// Evaluates <paramref name="synthesized"/>, the Terraform JSON of <paramref name="stack"/> (e.g. read from its
    /// <c>cdk.tf.json</c>), with the suppressions recorded in the stack's construct tree.
    /// </summary>
    public PolicyReport Evaluate(TerraformStack stack, SynthesizedStack synthesized)
    {
        var unsuppressed = Evaluate(synthesized, []);
        // Reading suppressions walks the construct tree (a jsii round trip per construct): only worth it when something failed.
        return unsuppressed.Findings.Count == 0 ? unsuppressed : Evaluate(synthesized, PolicySuppressions.Of((IConstruct)stack));
    }

    /// <summary>Evaluates a synthesized stack against every rule, applying <paramref name="suppressions"/>.</summary>
    public PolicyReport Evaluate(SynthesizedStack stack, IReadOnlyList<PolicySuppression> suppressions)
    {
        var findings = new List<PolicyFinding>();
        var suppressed = new List<SuppressedFinding>();
        var compliant = 0;
        foreach (var rule in Rules.Where(r => r.Modes.HasFlag(stack.Mode)))
        {
            foreach (var result in rule.Evaluate(stack))
            {
                if (result.Outcome == PolicyOutcome.Compliant)
                {
                    compliant++;
                }

                if (result.Outcome != PolicyOutcome.NonCompliant)
                {
                    continue;
                }

                var finding = new PolicyFinding
                {
                    RuleId = rule.Id,
                    Level = rule.Level,
                    StackName = stack.Name,
                    ResourceAddress = result.Element.Address,
                    ConstructPath = result.Element.ConstructPath,
                    Message = result.Detail is null ? rule.Info : $"{rule.Info} {result.Detail}",
                    Explanation = rule.Explanation,
                };
                // The closest suppression (longest path) explains the decision best.
                var suppression = suppressions
                    .Where(s => s.Covers(rule.Id, finding.ConstructPath))
                    .MaxBy(s => s.ConstructPath.Length);
                if (suppression is null)
                {
                    findings.Add(finding);
                }
                else
                {
                    suppressed.Add(new SuppressedFinding(finding, suppression));
                }
            }
        }

        return new PolicyReport { StackName = stack.Name, Findings = findings, Suppressed = suppressed, CompliantChecks = compliant };
    }
}
