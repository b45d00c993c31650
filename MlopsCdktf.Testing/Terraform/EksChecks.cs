using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Terraform;

/// <summary>
/// Plan assertions on an EKS cluster built by the library (constructs named by their path in the stack): its node groups
/// run in the given subnets, its secrets are encrypted with the given key, every launch template requires IMDSv2 with hop
/// limit 1 and encrypts its root volume, GPU groups carry the <c>nvidia.com/gpu</c> NoSchedule taint, and the cluster
/// autoscaler's role may scale the Auto Scaling groups of exactly these node groups.
/// </summary>
internal static class EksChecks
{
    /// <summary>
    /// A training run's node group on a deployed cluster (<c>EksCluster.FromClusterName</c>): it joins the cluster read by
    /// <paramref name="clusterName"/> in that cluster's subnets, encrypts its root volume with the key the cluster's secrets
    /// alias points at, requires IMDSv2, is tainted for GPUs, labelled with the run, one node of <paramref name="instanceType"/>
    /// on demand, and fixed at that size.
    /// </summary>
    public static IEnumerable<PlanAssertion> RunNodeGroup(TerraformJson json, string group, string clusterName, string instanceType, string run)
    {
        var cluster = $"data.aws_eks_cluster.{json.DataSources("aws_eks_cluster").Single().Key}";
        var alias = $"data.aws_kms_alias.{json.DataSources("aws_kms_alias").Single().Key}";
        var nodes = json.Address("aws_eks_node_group", $"{group}/NodeGroup");
        var template = json.Address("aws_launch_template", $"{group}/LaunchTemplate");
        yield return new PlanAssertion($"{cluster}.name == \"{clusterName}\" && {alias}.name == \"alias/eks-{clusterName}\"",
            $"the run must read the environment's cluster {clusterName} and its secrets key alias", ComparesIdentifiers: false);
        yield return new PlanAssertion($"{nodes}.cluster_name == {cluster}.name && toset({nodes}.subnet_ids) == toset({cluster}.vpc_config[0].subnet_ids)",
            $"{nodes} must join the deployed cluster in its subnets");
        yield return new PlanAssertion($"toset({nodes}.subnet_ids) == toset({Hcl.Value(AwsPlanChecks.DeployedClusterSubnets)})",
            $"{nodes} must be in the subnets the cluster answers with", ComparesIdentifiers: false);
        yield return new PlanAssertion($"{template}.block_device_mappings[0].ebs[0].kms_key_id == {alias}.target_key_arn",
            $"{template} must encrypt the root volume with the cluster's secrets key");
        yield return new PlanAssertion(
            $"{template}.metadata_options[0].http_tokens == \"required\" && {template}.metadata_options[0].http_put_response_hop_limit == 1 && {template}.key_name == null",
            $"{template} must require IMDSv2 with hop limit 1 and carry no SSH key", ComparesIdentifiers: false);
        yield return new PlanAssertion(
            $"{nodes}.scaling_config[0].min_size == 1 && {nodes}.scaling_config[0].max_size == 1 && {nodes}.scaling_config[0].desired_size == 1"
            + $" && {nodes}.capacity_type == \"ON_DEMAND\" && {nodes}.instance_types == tolist([\"{instanceType}\"]) && {nodes}.ami_type == \"AL2023_x86_64_NVIDIA\"",
            $"{nodes} must be one on-demand {instanceType} node with the NVIDIA AMI, for the run only", ComparesIdentifiers: false);
        yield return new PlanAssertion(
            $"{nodes}.labels[\"mlops.io/training-run\"] == \"{run}\" && anytrue([for t in {nodes}.taint : t.key == \"nvidia.com/gpu\" && t.effect == \"NO_SCHEDULE\"])",
            $"{nodes} must carry the run's label and the GPU taint", ComparesIdentifiers: false);
    }

    /// <param name="json">The stack.</param>
    /// <param name="cluster">The <c>EksCluster</c> construct's path, e.g. <c>Training</c>.</param>
    /// <param name="subnets">The subnets the node groups must use, as an HCL list expression.</param>
    /// <param name="key">The key that must encrypt the cluster's secrets, as an HCL expression.</param>
    /// <param name="autoscaler">The <c>ClusterAutoscalerIdentity</c> construct's path, or null when the stack has none.</param>
    /// <param name="region">The region of the stack's provider.</param>
    /// <param name="accountId">The deploying account.</param>
    public static IEnumerable<PlanAssertion> Cluster(TerraformJson json, string cluster, string subnets, string key, string? autoscaler, string region, string accountId)
    {
        var eks = json.Address("aws_eks_cluster", $"{cluster}/Cluster");
        yield return new PlanAssertion($"{eks}.encryption_config[0].provider[0].key_arn == {key} && contains({eks}.encryption_config[0].resources, \"secrets\")",
            $"{eks} must envelope-encrypt its secrets with {key}");
        yield return new PlanAssertion(
            $"{eks}.vpc_config[0].endpoint_private_access && toset({eks}.vpc_config[0].subnet_ids) == toset({subnets}) && {eks}.access_config[0].authentication_mode == \"API\"",
            $"{eks} must have a private endpoint in {subnets} and authenticate through access entries only");

        var groups = json.Resources("aws_eks_node_group").Keys.Select(k => $"aws_eks_node_group.{k}").ToList();
        Assert.That(groups, Is.Not.Empty, "the stack has no EKS node group");
        foreach (var group in groups)
        {
            yield return new PlanAssertion($"{group}.cluster_name == {eks}.name && toset({group}.subnet_ids) == toset({subnets})",
                $"{group} must join {eks} in its private subnets {subnets}");
            if (json.Root["resource"]!["aws_eks_node_group"]![group.Split('.')[1]]!["ami_type"]!.GetValue<string>().Contains("NVIDIA", StringComparison.Ordinal))
            {
                yield return new PlanAssertion(
                    $"anytrue([for t in {group}.taint : t.key == \"nvidia.com/gpu\" && t.value == \"present\" && t.effect == \"NO_SCHEDULE\"])",
                    $"{group} (GPU) must carry the taint nvidia.com/gpu=present:NoSchedule", ComparesIdentifiers: false);
            }
        }

        foreach (var template in json.Resources("aws_launch_template").Keys.Select(k => $"aws_launch_template.{k}"))
        {
            yield return new PlanAssertion(
                $"{template}.metadata_options[0].http_tokens == \"required\" && {template}.metadata_options[0].http_put_response_hop_limit == 1"
                + $" && alltrue([for b in {template}.block_device_mappings : b.ebs[0].encrypted == \"true\"]) && {template}.key_name == null",
                $"{template} must require IMDSv2 with hop limit 1, encrypt its volumes and carry no SSH key", ComparesIdentifiers: false);
        }

        if (autoscaler is null)
        {
            yield break;
        }

        var document = json.Address("aws_iam_policy_document", $"{autoscaler}/PodIdentity/PolicyDocument");
        var expected = string.Join(", ", groups.Select(g =>
            $"\"arn:aws:autoscaling:{region}:{accountId}:autoScalingGroup:*:autoScalingGroupName/${{{g}.resources[0].autoscaling_groups[0].name}}\""));
        yield return new PlanAssertion(
            $"toset(flatten([for s in {document}.statement : s.resources if s.sid == \"ScaleTheseNodeGroups\"])) == toset([{expected}])"
            + $" && alltrue([for s in {document}.statement : !contains(s.resources, \"*\") if length(setintersection(s.actions, [\"autoscaling:SetDesiredCapacity\", \"autoscaling:TerminateInstanceInAutoScalingGroup\"])) > 0])",
            $"the cluster autoscaler's role may scale the Auto Scaling groups of this cluster's node groups only ({string.Join(", ", groups)})");
        var association = json.Address("aws_eks_pod_identity_association", $"{autoscaler}/PodIdentity/Association");
        yield return new PlanAssertion(
            $"{association}.cluster_name == {eks}.name && {association}.namespace == \"kube-system\" && {association}.service_account == \"cluster-autoscaler\""
            + $" && {association}.role_arn == {json.Address("aws_iam_role", $"{autoscaler}/PodIdentity/Role")}.arn",
            $"{association} must give kube-system/cluster-autoscaler of {eks} the autoscaler's role");
    }
}
