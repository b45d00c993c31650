using HashiCorp.Cdktf.Providers.Aws.DataAwsIamPolicyDocument;
using HashiCorp.Cdktf.Providers.Aws.IamRolePolicy;
using HashiCorp.Cdktf.Providers.Aws.IamRolePolicyAttachment;
using static MlopsCdktf.Tests.Policy.PolicyHarness;

namespace MlopsCdktf.Tests.Policy;

/// <summary>IAM rules read policy-document data sources and literal policy JSON; Deny statements may use wildcards.</summary>
public sealed class IamRuleTests
{
    private static DataAwsIamPolicyDocumentStatement Statement(string sid, string effect, string[] actions, string[] resources) =>
        new() { Sid = sid, Effect = effect, Actions = actions, Resources = resources };

    [Test]
    public void Wildcard_actions_in_allow_statements_are_findings_and_deny_statements_are_not()
    {
        var stack = AwsStack();
        _ = new DataAwsIamPolicyDocument(stack, "doc", new DataAwsIamPolicyDocumentConfig
        {
            Statement = new[]
            {
                Statement("AllowAll", "Allow", ["s3:*", "kms:Decrypt"], ["arn:aws:s3:::acme-raw/*"]),
                Statement("DenyAll", "Deny", ["*"], ["*"]),
                Statement("Fine", "Allow", ["s3:GetObject"], ["arn:aws:s3:::acme-raw/*"]),
            },
        });

        Assert.That(Findings(stack), Is.EqualTo(new[]
        {
            Line("MLOPS-IAM-1", "data.aws_iam_policy_document.doc", "test/doc", "Statement AllowAll: allows s3:*."),
        }));
    }

    [Test]
    public void Data_service_actions_on_every_resource_are_findings_except_the_ecr_login_token()
    {
        var stack = AwsStack();
        _ = new DataAwsIamPolicyDocument(stack, "doc", new DataAwsIamPolicyDocumentConfig
        {
            Statement = new[]
            {
                Statement("Login", "Allow", ["ecr:GetAuthorizationToken"], ["*"]),
                Statement("Metrics", "Allow", ["cloudwatch:PutMetricData"], ["*"]),
                Statement("ReadEverything", "Allow", ["s3:GetObject", "secretsmanager:GetSecretValue", "logs:PutLogEvents"], ["*"]),
            },
        });

        Assert.That(Findings(stack), Is.EqualTo(new[]
        {
            Line("MLOPS-IAM-2", "data.aws_iam_policy_document.doc", "test/doc",
                "Statement ReadEverything: allows s3:GetObject, secretsmanager:GetSecretValue on *."),
        }));
    }

    [Test]
    public void In_a_key_policy_resource_star_is_the_key_and_not_a_finding_but_elsewhere_it_is()
    {
        var stack = AwsStack();
        var keyPolicy = new DataAwsIamPolicyDocument(stack, "keyPolicy", new DataAwsIamPolicyDocumentConfig
        {
            Statement = new[] { Statement("UseKey", "Allow", ["kms:Decrypt"], ["*"]) },
        });
        _ = new HashiCorp.Cdktf.Providers.Aws.KmsKey.KmsKey(stack, "key", new HashiCorp.Cdktf.Providers.Aws.KmsKey.KmsKeyConfig
        {
            EnableKeyRotation = true,
            Policy = keyPolicy.Json,
        });
        _ = new DataAwsIamPolicyDocument(stack, "identity", new DataAwsIamPolicyDocumentConfig
        {
            Statement = new[] { Statement("UseAnyKey", "Allow", ["kms:Decrypt"], ["*"]) },
        });

        Assert.That(Findings(stack), Is.EqualTo(new[]
        {
            Line("MLOPS-IAM-2", "data.aws_iam_policy_document.identity", "test/identity", "Statement UseAnyKey: allows kms:Decrypt on *."),
        }));
    }

    [Test]
    public void Literal_policy_json_of_an_inline_policy_is_checked()
    {
        var stack = AwsStack();
        _ = new IamRolePolicy(stack, "inline", new IamRolePolicyConfig
        {
            Role = "some-role",
            Policy = """{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}""",
        });

        Assert.That(Findings(stack), Is.EqualTo(new[]
        {
            Line("MLOPS-IAM-1", "aws_iam_role_policy.inline", "test/inline", "Statement #1: allows *."),
            Line("MLOPS-IAM-2", "aws_iam_role_policy.inline", "test/inline", "Statement #1: allows * on *."),
        }));
    }

    [TestCase("arn:aws:iam::aws:policy/AmazonS3FullAccess", true)]
    [TestCase("arn:${data.aws_partition.p.partition}:iam::aws:policy/AmazonSageMakerFullAccess", true)]
    [TestCase("arn:aws:iam::aws:policy/service-role/AWSLambdaFullAccess", true)]
    [TestCase("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess", false)]
    [TestCase("arn:aws:iam::111111111111:policy/MyFullAccess", false)]
    public void Aws_managed_full_access_policies_may_not_be_attached(string arn, bool finding)
    {
        var stack = AwsStack();
        _ = new IamRolePolicyAttachment(stack, "attach", new IamRolePolicyAttachmentConfig { Role = "some-role", PolicyArn = arn });

        Assert.That(Findings(stack), Is.EqualTo(finding
            ? new[] { Line("MLOPS-IAM-3", "aws_iam_role_policy_attachment.attach", "test/attach", $"policy_arn is {arn}.") }
            : Array.Empty<string>()));
    }
}
