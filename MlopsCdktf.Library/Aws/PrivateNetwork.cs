using System.Text.RegularExpressions;
using Constructs;
using HashiCorp.Cdktf;
using HashiCorp.Cdktf.Providers.Aws.KmsKey;
using HashiCorp.Cdktf.Providers.Aws.VpcSecurityGroupIngressRule;
using MlopsCdktf.Core;

namespace MlopsCdktf.Aws;

/// <summary>Input of <see cref="PrivateNetwork"/>.</summary>
public sealed record PrivateNetworkProps
{
    /// <summary>Name prefix of every resource, e.g. <c>mlops-prod</c> (2–32 lowercase letters, digits, hyphens).</summary>
    public required string Name { get; init; }

    /// <summary>The VPC range: a private (RFC 1918) IPv4 CIDR from /16 to /24, split into one subnet per zone.</summary>
    public required string CidrBlock { get; init; }

    /// <summary>Exactly two different availability zones of the provider's region, e.g. <c>eu-west-1a</c>, <c>eu-west-1b</c>.</summary>
    public required IReadOnlyList<string> AvailabilityZones { get; init; }

    /// <summary>Services reached through interface endpoints (<c>com.amazonaws.&lt;region&gt;.&lt;service&gt;</c>).</summary>
    /// <value>The default value is <c>sagemaker.api</c> and <c>sagemaker.runtime</c>: what notebooks (stopping themselves
    /// when idle) and callers of VPC-mode endpoints need. The network-isolated model reads no secret, so no
    /// <c>secretsmanager</c> endpoint; add it when a container does.</value>
    public IReadOnlyList<string> InterfaceEndpointServices { get; init; } = ["sagemaker.api", "sagemaker.runtime"];

    /// <summary>Whether the private subnets reach the internet through NAT gateways (to pull public images such as
    /// <c>registry.k8s.io</c> or <c>nvcr.io</c> on EKS nodes). Needs <see cref="PublicCidrBlock"/>.</summary>
    /// <value>The default value is <see cref="InternetEgress.None"/>: no route to the internet; AWS APIs are reached through
    /// the interface endpoints (<see cref="PrivateNetwork.EksEndpointServices"/> for EKS nodes) and images come from ECR.</value>
    public InternetEgress InternetEgress { get; init; } = InternetEgress.None;

    /// <summary>A second private range of the VPC (/16 to /27, disjoint from <see cref="CidrBlock"/>, e.g. <c>10.41.0.0/24</c>),
    /// split into the two public subnets holding the NAT gateways; required when <see cref="InternetEgress"/> is on, and
    /// only then. The private subnets keep their ranges.</summary>
    /// <value>The default value is null.</value>
    public string? PublicCidrBlock { get; init; }

    /// <summary>VPC flow logs to an encrypted CloudWatch Logs group with a retention, or null for none.</summary>
    /// <value>The default value is <see cref="VpcFlowLogs"/> with its defaults (all traffic, a year, a created key): a
    /// network carrying models and notebooks keeps a record of its connections.</value>
    public VpcFlowLogs? FlowLogs { get; init; } = new();

    /// <summary>With <see cref="DeletionPolicy.PreventDestroy"/> the flow logs' created key carries <c>prevent_destroy</c>
    /// (deleting it makes the logs unreadable).</summary>
    /// <value>The default value is <see cref="DeletionPolicy.PreventDestroy"/>, like every key of this library.</value>
    public DeletionPolicy DeletionPolicy { get; init; } = DeletionPolicy.PreventDestroy;

    /// <summary>Tags of every resource, merged over the provider's <c>default_tags</c>.</summary>
    /// <value>The default value is no extra tags.</value>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>Another source of the <c>aws-network</c> module (a registry or Git address, or a folder relative to the
    /// stack's working folder), used as given; the module must have the same inputs and outputs.</summary>
    /// <value>The default value is null: the module embedded in this library, written next to the stack at synth
    /// (<c>cdktf.out/stacks/&lt;stack&gt;/assets/module-aws-network/&lt;content hash&gt;</c>, one copy per stack, however many
    /// networks use it), so the stack folder plans on its own and needs no copy of this repository.</value>
    public string? ModuleSource { get; init; }
}

/// <summary>How the private subnets of a <see cref="PrivateNetwork"/> reach the internet.</summary>
public enum InternetEgress
{
    /// <summary>Not at all: AWS APIs through VPC endpoints only.</summary>
    None,

    /// <summary>One NAT gateway, in the first zone (cheaper; egress is lost while that zone is down).</summary>
    SingleNatGateway,

    /// <summary>A NAT gateway per zone, each private subnet through its own zone's.</summary>
    NatGatewayPerZone,
}

/// <summary>
/// A private network for SageMaker from the module <c>aws-network</c> (embedded in this library and written next to the
/// stack, see <see cref="PrivateNetworkProps.ModuleSource"/>): a VPC with a private subnet in each of two
/// zones and no route to the internet, an S3 gateway endpoint, SageMaker API/runtime interface endpoints with private
/// DNS, a closed default security group and a workload security group allowing HTTPS to the endpoints and S3 only — so
/// VPC-mode models and notebooks need no NAT gateway — and VPC flow logs to a KMS-encrypted log group with a retention
/// (<see cref="PrivateNetworkProps.FlowLogs"/>).
/// </summary>
public sealed partial class PrivateNetwork : Construct
{
    /// <summary>Declares the network.</summary>
    /// <exception cref="ConstructInputException">When the input is invalid; every problem is listed.</exception>
    public PrivateNetwork(Construct scope, string id, PrivateNetworkProps props)
        : base(scope, ConstructIds.Free(scope, id, nameof(PrivateNetwork)))
    {
        var v = new InputValidator(this).RequireMembers(props);
        v.ThrowIfInvalid();
        v.Matches(props.Name, nameof(props.Name), NamePattern(), "must be 2 to 32 lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen");
        v.ValidateIpv4Cidr(props.CidrBlock, nameof(props.CidrBlock));
        v.Require(Cidr.ParseIpv4(props.CidrBlock) is null || IsPrivateCidr(props.CidrBlock), nameof(props.CidrBlock), props.CidrBlock,
            "must be a private IPv4 range (10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16) from /16 to /24, e.g. 10.40.0.0/16");
        v.Require(props.AvailabilityZones.Count == 2 && props.AvailabilityZones.Distinct().Count() == 2, nameof(props.AvailabilityZones),
            string.Join(", ", props.AvailabilityZones), "must list exactly two different zones: endpoints and notebooks need subnets in two zones");
        foreach (var zone in props.AvailabilityZones)
        {
            v.Matches(zone, nameof(props.AvailabilityZones), ZonePattern(), "must be availability zone names such as eu-west-1a");
        }

        v.Require(props.AvailabilityZones.Select(z => z.Length > 1 ? z[..^1] : z).Distinct().Count() <= 1, nameof(props.AvailabilityZones),
            string.Join(", ", props.AvailabilityZones), "must be zones of one region");
        // The subnets are created by the stack's provider: its zones must be zones of the provider's region, and exist.
        var stackRegion = AwsRegionRules.StackRegion(this);
        foreach (var zone in props.AvailabilityZones)
        {
            if (zone is not null && ZonePattern().IsMatch(zone))
            {
                v.ValidateAwsZoneOf(zone, stackRegion ?? zone[..^1], nameof(props.AvailabilityZones),
                    stackRegion is null ? "the region the zone names" : "the region of the stack's AWS provider");
            }
        }

        foreach (var service in props.InterfaceEndpointServices)
        {
            v.Matches(service, nameof(props.InterfaceEndpointServices), ServicePattern(), "must be service names such as sagemaker.api (the part after com.amazonaws.<region>.)");
        }

        v.Defined(props.InternetEgress, nameof(props.InternetEgress));
        if (props.InternetEgress == InternetEgress.None)
        {
            v.Require(props.PublicCidrBlock is null, nameof(props.PublicCidrBlock), props.PublicCidrBlock,
                "is only used with internet egress (InternetEgress = SingleNatGateway or NatGatewayPerZone): remove it, or turn egress on");
        }
        else if (props.PublicCidrBlock is null)
        {
            v.Add(nameof(props.PublicCidrBlock), null, "must be a second range of the VPC for the NAT gateways' public subnets (e.g. 10.41.0.0/24) when InternetEgress is on");
        }
        else
        {
            v.ValidateIpv4Cidr(props.PublicCidrBlock, nameof(props.PublicCidrBlock));
            v.Require(Cidr.ParseIpv4(props.PublicCidrBlock) is not { } range || range.PrefixLength is >= 16 and <= 27, nameof(props.PublicCidrBlock),
                props.PublicCidrBlock, "must be from /16 to /27 (two public subnets of at least /28)");
            v.ValidateDisjoint((nameof(props.CidrBlock), props.CidrBlock), (nameof(props.PublicCidrBlock), props.PublicCidrBlock));
        }

        v.Matches(props.ModuleSource, nameof(props.ModuleSource), LocalModules.SourcePattern(), LocalModules.SourceDescription);
        if (props.FlowLogs is { } flowLogs)
        {
            v.ValidateLogRetention(flowLogs.RetentionDays, "FlowLogs.RetentionDays");
            v.Defined(flowLogs.Traffic, "FlowLogs.Traffic");
            v.Matches(flowLogs.KmsKeyArn, "FlowLogs.KmsKeyArn", AwsArnPatterns.KmsKey(), AwsArnPatterns.KmsKeyArnDescription);
            v.ValidateArnRegion(this, flowLogs.KmsKeyArn, "FlowLogs.KmsKeyArn", "the flow log group");
        }

        v.Defined(props.DeletionPolicy, nameof(props.DeletionPolicy));
        v.ValidateAwsTags(props.Tags);
        v.ThrowIfInvalid();

        Dictionary<string, object>? flowLogInput = null;
        if (props.FlowLogs is { } logs)
        {
            FlowLogGroupName = VpcFlowLogsDefaults.LogGroupPrefix + props.Name;
            (FlowLogKey, FlowLogKeyArn) = CustomerManagedKeys.UseOrCreate(this, logs.KmsKeyArn, $"Encrypts the flow logs of VPC {props.Name}",
                $"flow-logs-{props.Name}", CustomerManagedKeys.MaxDeletionWindowDays, TerraformMaps.OrNull(props.Tags), props.DeletionPolicy,
                CustomerManagedKeys.ForLogGroup(FlowLogGroupName));
            flowLogInput = new Dictionary<string, object>
            {
                ["log_group_name"] = FlowLogGroupName,
                ["kms_key_arn"] = FlowLogKeyArn,
                ["retention_in_days"] = logs.RetentionDays,
                ["traffic_type"] = VpcFlowLogs.TrafficType(logs.Traffic),
            };
        }

        var variables = new Dictionary<string, object>
        {
            ["name"] = props.Name,
            ["cidr_block"] = props.CidrBlock,
            ["availability_zones"] = props.AvailabilityZones.ToArray(),
            ["interface_endpoint_services"] = props.InterfaceEndpointServices.ToArray(),
            ["tags"] = props.Tags.ToDictionary(kv => kv.Key, kv => (object)kv.Value),
        };
        if (flowLogInput is not null)
        {
            variables["flow_logs"] = flowLogInput;
        }

        if (props.InternetEgress != InternetEgress.None)
        {
            variables["internet_egress"] = props.InternetEgress == InternetEgress.SingleNatGateway ? "single" : "per_zone";
            variables["public_cidr_block"] = props.PublicCidrBlock!;
        }

        CidrBlock = props.CidrBlock;

        Module = LocalModules.Declare(this, props.ModuleSource, EmbeddedModuleName, variables);
    }

    /// <summary>The flow logs' log group name (<c>/aws/vpc/flow-logs/&lt;name&gt;</c>), or null without flow logs.</summary>
    public string? FlowLogGroupName { get; }

    /// <summary>The flow logs' created key, or null when <see cref="VpcFlowLogs.KmsKeyArn"/> was given or flow logs are off.</summary>
    public KmsKey? FlowLogKey { get; }

    /// <summary>ARN of the key encrypting the flow logs, or null without flow logs.</summary>
    public string? FlowLogKeyArn { get; }

    /// <summary>The <c>aws-network</c> module block.</summary>
    public TerraformHclModule Module { get; }

    /// <summary>The VPC's id.</summary>
    public string VpcId => Module.GetString("vpc_id");

    /// <summary>The two private subnets, one per zone, for VPC-mode models: one reference each (not a list token), so
    /// constructs can build per-subnet ARNs from them.</summary>
    public IReadOnlyList<string> PrivateSubnetIds => [FirstPrivateSubnetId, Token.AsString(Fn.Element(Module.GetList("private_subnet_ids"), 1))];

    /// <summary>The first private subnet, for single-homed workloads such as a notebook.</summary>
    public string FirstPrivateSubnetId => Token.AsString(Fn.Element(Module.GetList("private_subnet_ids"), 0));

    /// <summary>The workloads' security group: HTTPS to the VPC endpoints and S3 only.</summary>
    public string WorkloadSecurityGroupId => Module.GetString("workload_security_group_id");

    /// <summary>The interface endpoints' security group (HTTPS from the workloads; more clients through
    /// <see cref="AdmitToEndpoints"/>).</summary>
    public string EndpointSecurityGroupId => Module.GetString("endpoints_security_group_id");

    /// <summary>The VPC's primary range, <see cref="PrivateNetworkProps.CidrBlock"/>.</summary>
    public string CidrBlock { get; }

    /// <summary>
    /// The interface endpoints private EKS nodes and the cluster autoscaler need, to add to
    /// <see cref="PrivateNetworkProps.InterfaceEndpointServices"/> (S3, for image layers, is the gateway endpoint every network
    /// has): <c>ec2</c> (VPC CNI, autoscaler), <c>ecr.api</c> and <c>ecr.dkr</c> (images), <c>sts</c> (credentials),
    /// <c>logs</c> (log agents), <c>eks-auth</c> (Pod Identity), <c>eks</c> (autoscaler's DescribeNodegroup, kubectl from the
    /// VPC) and <c>autoscaling</c> (the autoscaler). The nodes' security group must be admitted with
    /// <see cref="AdmitToEndpoints"/>.
    /// </summary>
    public static IReadOnlyList<string> EksEndpointServices { get; } = ["ec2", "ecr.api", "ecr.dkr", "sts", "logs", "eks-auth", "eks", "autoscaling"];

    /// <summary>
    /// Lets <paramref name="securityGroupId"/> (e.g. <see cref="Eks.EksCluster.ClusterSecurityGroupId"/>, which EKS nodes and
    /// their pods use) reach the interface endpoints over HTTPS: an ingress rule on <see cref="EndpointSecurityGroupId"/>,
    /// created in this network as <c>EndpointAccess-&lt;id&gt;</c>.
    /// </summary>
    /// <param name="id">Names the rule among this network's, e.g. <c>EksNodes</c>.</param>
    /// <param name="securityGroupId">The clients' security group (a literal <c>sg-…</c> or a reference).</param>
    /// <param name="description">What the clients are, shown on the rule.</param>
    /// <exception cref="ConstructInputException">When the id is taken or the security group id is malformed.</exception>
    public VpcSecurityGroupIngressRule AdmitToEndpoints(string id, string securityGroupId, string description = "HTTPS from admitted clients")
    {
        var v = new InputValidator(this);
        v.Matches(securityGroupId, nameof(securityGroupId), AwsArnPatterns.SecurityGroupId(), "must be a security group id (sg-0123456789abcdef0) or a reference to one");
        v.Require(Node.TryFindChild($"EndpointAccess-{id}") is null, nameof(id), id, "must name one rule of this network only");
        v.ThrowIfInvalid();
        return new VpcSecurityGroupIngressRule(this, $"EndpointAccess-{id}", new VpcSecurityGroupIngressRuleConfig
        {
            SecurityGroupId = EndpointSecurityGroupId,
            Description = description,
            IpProtocol = "tcp",
            FromPort = 443,
            ToPort = 443,
            ReferencedSecurityGroupId = securityGroupId,
        });
    }

    private const string EmbeddedModuleName = "aws-network";

    private static bool IsPrivateCidr(string? cidr)
    {
        if (cidr is null || !System.Net.IPNetwork.TryParse(cidr, out var network) || network.BaseAddress.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork
            || network.PrefixLength is < 16 or > 24)
        {
            return false;
        }

        return new[] { "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16" }.Any(r => System.Net.IPNetwork.Parse(r).Contains(network.BaseAddress));
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{0,30}[a-z0-9]$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9][a-z]$")]
    private static partial Regex ZonePattern();

    [GeneratedRegex("^[a-z0-9-]+(\\.[a-z0-9-]+)*$")]
    private static partial Regex ServicePattern();
}
