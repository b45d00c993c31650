using HashiCorp.Cdktf;
using HashiCorp.Cdktf.Providers.Aws.IamRole;
using MlopsCdktf.Aws.Iam;

namespace MlopsCdktf.Aws;

/// <summary>The execution role and its least-privilege policies, generated from what the endpoint uses.</summary>
public sealed partial class SageMakerEndpoint
{
    /// <summary>The IAM role name: <c>&lt;endpoint&gt;-execution</c> (at most 64 characters).</summary>
    public string ExecutionRoleName => $"{_props.EndpointName[..Math.Min(_props.EndpointName.Length, 54)]}-execution";

    /// <summary>The key prefix of the model archive, the only model data the role may read.</summary>
    public string ModelDataKeyPrefix => _props.ModelDataKey[..(_props.ModelDataKey.LastIndexOf('/') + 1)];

    private AccountContext? _aws;

    /// <summary>Partition, region and account of the stack's provider (data sources, created once).</summary>
    private AccountContext Aws => _aws ??= AccountContext.In(this);

    private string Arn(string service, string resource) => Aws.Arn(service, resource);

    private IamRole CreateExecutionRole()
    {
        // Confused-deputy protection: SageMaker may assume the role only on behalf of this account's resources in this region.
        var trust = PolicyDocuments.Create(this, "TrustPolicy",
        [
            new PolicyStatement
            {
                Sid = "SageMakerAssumesRole",
                Actions = Actions.Sts.AssumeRole,
                Resources = [],
                Principals = [PolicyPrincipal.Service(SageMakerEndpointDefaults.ServicePrincipal)],
                Conditions =
                [
                    new PolicyCondition("StringEquals", "aws:SourceAccount", [Aws.AccountId]),
                    new PolicyCondition("ArnLike", "aws:SourceArn", [Arn("sagemaker", "*")]),
                ],
            },
        ]);

        return new IamRole(this, "ExecutionRole", new IamRoleConfig
        {
            Name = ExecutionRoleName,
            Description = $"Execution role of SageMaker endpoint {_props.EndpointName}",
            AssumeRolePolicy = trust.Json,
            Tags = _tags,
        });
    }

    /// <summary>Attaches every policy the endpoint needs to <see cref="ExecutionRole"/>; returns them for <c>depends_on</c>.</summary>
    private List<ITerraformDependable> GrantExecutionRolePermissions()
    {
        var role = ExecutionRole;
        var bucket = _props.ArtifactBucket;
        var policies = new List<ITerraformDependable>
        {
            bucket.GrantRead(role, ModelDataKeyPrefix),
            _props.ImageRepository.GrantPull(role),
        };

        if (DataCaptureKeyPrefix is { } capturePrefix)
        {
            policies.Add(bucket.GrantWrite(role, capturePrefix));
        }

        if (Async is not null)
        {
            policies.Add(bucket.GrantRead(role, AsyncPrefix("input")));
            policies.Add(bucket.GrantWrite(role, AsyncPrefix("output")));
            policies.Add(bucket.GrantWrite(role, AsyncPrefix("failures")));
        }

        if (_props.ApiKey is { } apiKey)
        {
            policies.Add(apiKey.GrantRead(role));
        }

        policies.Add(PolicyDocuments.AttachToRole(this, "RuntimePolicy", role, $"{ExecutionRoleName}-runtime", RuntimeStatements()));
        return policies;
    }

    /// <summary>Logs, metrics, the endpoint's own KMS key (when it is not the bucket's) and VPC networking.</summary>
    private IEnumerable<PolicyStatement> RuntimeStatements()
    {
        var logGroupArn = Arn("logs", $"log-group:{LogGroupName}");
        yield return new PolicyStatement
        {
            Sid = "WriteEndpointLogs",
            Actions = Actions.Logs.WriteToLogGroup,
            Resources = [logGroupArn, $"{logGroupArn}:log-stream:*"],
        };

        // PutMetricData has no resource-level permissions: "*" narrowed to SageMaker's endpoint namespace.
        yield return new PolicyStatement
        {
            Sid = "PublishEndpointMetrics",
            Actions = Actions.CloudWatch.PutMetricData,
            Resources = ["*"],
            Conditions = [new PolicyCondition("StringEquals", "cloudwatch:namespace", [SageMakerEndpointDefaults.MetricsNamespace])],
        };

        if (_props.KmsKeyArn is { } keyArn)
        {
            yield return new PolicyStatement { Sid = "UseEndpointKey", Actions = Actions.Kms.EncryptDecrypt, Resources = [keyArn] };
        }

        if (_props.Vpc is { } vpc)
        {
            var networkInterfaces = Arn("ec2", "network-interface/*");
            // EC2 Describe* actions have no resource-level permissions: "*" is the only valid resource.
            yield return new PolicyStatement { Sid = "DescribeVpcNetwork", Actions = Actions.Ec2.DescribeNetwork, Resources = ["*"] };
            yield return new PolicyStatement
            {
                Sid = "CreateModelNetworkInterfaces",
                Actions = Actions.Ec2.CreateNetworkInterface,
                Resources =
                [
                    networkInterfaces,
                    .. vpc.SubnetIds.Select(s => Arn("ec2", $"subnet/{s}")),
                    .. vpc.SecurityGroupIds.Select(g => Arn("ec2", $"security-group/{g}")),
                ],
            };
            yield return new PolicyStatement
            {
                Sid = "ManageModelNetworkInterfaces",
                Actions = Actions.Ec2.ManageNetworkInterfaces,
                Resources = [networkInterfaces],
            };
        }
    }
}
