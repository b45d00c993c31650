using MlopsCdktf.Core;

namespace MlopsCdktf.Aws.Eks;

/// <summary>The input rules of <see cref="EksCluster"/>, checked once, all problems reported together.</summary>
public sealed partial class EksCluster
{
    private void Validate(EksClusterProps props)
    {
        var v = new InputValidator(this);
        v.ValidateEksClusterName(props.Name, nameof(props.Name));
        v.ValidateKubernetesVersion(props.KubernetesVersion, nameof(props.KubernetesVersion));

        v.Require(props.SubnetIds.Count >= 2 && props.SubnetIds.Distinct().Count() == props.SubnetIds.Count, nameof(props.SubnetIds),
            string.Join(", ", props.SubnetIds), "must list at least two different subnets, in two availability zones (EKS refuses a cluster in one zone)");
        foreach (var subnet in props.SubnetIds)
        {
            v.Matches(subnet, nameof(props.SubnetIds), AwsArnPatterns.SubnetId(), "must be subnet ids (subnet-0123456789abcdef0) or references to them");
        }

        if (props.PublicAccess)
        {
            v.Require(props.PublicAccessCidrs.Count > 0, nameof(props.PublicAccessCidrs), "no range",
                "must list the ranges allowed to reach the public endpoint (e.g. the office or CI egress /32s) when PublicAccess is on; an empty list would open it to the internet");
            foreach (var cidr in props.PublicAccessCidrs)
            {
                v.ValidateIpv4Cidr(cidr, nameof(props.PublicAccessCidrs));
                v.Require(Cidr.ParseIpv4(cidr) is not { } range || range.PrefixLength > 0, nameof(props.PublicAccessCidrs), cidr,
                    "must not open the public endpoint to the whole internet (0.0.0.0/0): list the ranges that need the API, or keep PublicAccess off and reach it from the VPC");
            }
        }
        else
        {
            v.Require(props.PublicAccessCidrs.Count == 0, nameof(props.PublicAccessCidrs), string.Join(", ", props.PublicAccessCidrs),
                "has no effect while PublicAccess is off (the endpoint is private): turn PublicAccess on or remove the ranges");
        }

        v.Matches(props.SecretsKmsKeyArn, nameof(props.SecretsKmsKeyArn), AwsArnPatterns.KmsKey(), AwsArnPatterns.KmsKeyArnDescription);
        v.ValidateArnRegion(this, props.SecretsKmsKeyArn, nameof(props.SecretsKmsKeyArn), "the cluster");
        v.ValidateLogRetention(props.LogRetentionDays, nameof(props.LogRetentionDays));
        foreach (var arn in props.AdminPrincipalArns)
        {
            v.Matches(arn, nameof(props.AdminPrincipalArns), AwsArnPatterns.IamPrincipal(), AwsArnPatterns.IamPrincipalArnDescription);
        }

        v.Require(props.AdminPrincipalArns.Distinct().Count() == props.AdminPrincipalArns.Count, nameof(props.AdminPrincipalArns),
            string.Join(", ", props.AdminPrincipalArns), "must not name a principal twice (EKS holds one access entry per principal)");
        foreach (var (addon, version) in props.AddonVersions)
        {
            v.Defined(addon, $"{nameof(props.AddonVersions)} key");
            v.ValidateAddonVersion(version, $"{nameof(props.AddonVersions)}[{addon}]");
        }

        v.Defined(props.DeletionPolicy, nameof(props.DeletionPolicy));
        v.ValidateAwsTags(props.Tags);
        v.ThrowIfInvalid();
    }

}
