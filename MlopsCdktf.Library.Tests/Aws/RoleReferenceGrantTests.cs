using Constructs;
using HashiCorp.Cdktf;
using HashiCorp.Cdktf.Providers.Aws.IamRole;
using MlopsCdktf.Aws;
using MlopsCdktf.Core;
using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Aws;

/// <summary>Grants to a role known only by its ARN (<see cref="RoleReference.FromArn"/>): literal or Terraform reference.</summary>
public sealed class RoleReferenceGrantTests
{
    private const string ScorerArn = "arn:aws:iam::123456789012:role/ml/batch/batch-scorer";

    private static ModelArtifactBucket Bucket(TerraformStack stack) =>
        new(stack, "Artifacts", new ModelArtifactBucketProps { BucketName = "acme-ml-grants" });

    private static TerraformVariable RoleArnVariable(TerraformStack stack, string name = "role_arn") =>
        new(stack, name, new TerraformVariableConfig { Type = "string" });

    private static string CallerAccount(TerraformJson json) =>
        json.Reference("aws_caller_identity", json.DataSources("aws_caller_identity").Values.Single(), "account_id")[2..^1];

    [Test]
    public void A_literal_arn_grant_attaches_to_the_role_name_with_the_statements_of_a_declared_role()
    {
        var json = SynthHarness.Aws(stack =>
        {
            var bucket = Bucket(stack);
            bucket.GrantRead(RoleReference.FromArn(ScorerArn), "models/");
            bucket.GrantRead(new IamRole(stack, "Declared", new IamRoleConfig { Name = "declared", AssumeRolePolicy = "{}" }), "models/");
        });

        var policies = json.Resources("aws_iam_role_policy").Values.ToList();
        Assert.That(policies, Has.Count.EqualTo(2));
        var imported = policies.Single(p => p["role"]!.GetValue<string>() == "batch-scorer");
        var declared = policies.Single(p => p != imported);
        Assert.That(imported["name"]!.GetValue<string>(), Is.EqualTo(declared["name"]!.GetValue<string>()).And.EqualTo("acme-ml-grants-read-models"));
        Assert.That(TerraformJson.ConstructPath(imported), Does.StartWith("test/Artifacts/GrantRead-role-"), "the policy lives in the grantor");
        Assert.That(json.PolicyStatements(imported).Select(s => s.ToJsonString()), Is.EqualTo(json.PolicyStatements(declared).Select(s => s.ToJsonString())),
            "the same least-privilege statements, whatever the role is");
    }

    [Test]
    public void A_literal_arn_grant_requires_the_roles_account_to_be_the_deploying_account()
    {
        var json = SynthHarness.Aws(stack => Bucket(stack).GrantWrite(RoleReference.FromArn(ScorerArn), "data-capture/"));

        var precondition = json.Single("aws_iam_role_policy")["lifecycle"]!["precondition"]![0]!;
        Assert.That(precondition["condition"]!.GetValue<string>(), Is.EqualTo($"${{contains([{CallerAccount(json)}], \"123456789012\")}}"));
        Assert.That(precondition["error_message"]!.GetValue<string>(), Does.StartWith($"The role {ScorerArn} is not in the account Terraform deploys to"));
    }

    [Test]
    public void A_declared_role_gets_no_account_precondition()
    {
        var json = SynthHarness.Aws(stack => Bucket(stack).GrantRead(new IamRole(stack, "Role", new IamRoleConfig { AssumeRolePolicy = "{}" })));

        Assert.That(json.Single("aws_iam_role_policy")["lifecycle"], Is.Null);
        // The only account lookup is the bucket key's policy (its account root), none for the grant.
        Assert.That(json.DataSources("aws_caller_identity").Values.Select(TerraformJson.ConstructPath), Has.All.Not.Contains("Grant"));
    }

    [Test]
    public void A_referenced_arn_is_parsed_by_terraform_functions()
    {
        var json = SynthHarness.Aws(stack => Bucket(stack).GrantRead(RoleReference.FromArn(RoleArnVariable(stack).StringValue)));

        var policy = json.Single("aws_iam_role_policy");
        Assert.That(policy["role"]!.GetValue<string>(), Is.EqualTo("${element(reverse(split(\"/\", var.role_arn)), 0)}"));
        Assert.That(policy["lifecycle"]!["precondition"]![0]!["condition"]!.GetValue<string>(),
            Is.EqualTo($"${{contains([{CallerAccount(json)}], element(split(\":\", var.role_arn), 4))}}"));
        Assert.That(json.PolicyStatements(policy).Select(s => s["sid"]!.GetValue<string>()), Is.EqualTo(new[] { "ListArtifacts", "ReadArtifacts", "UseArtifactKey" }));
    }

    [Test]
    public void The_same_role_imported_twice_gets_one_policy_and_different_roles_never_share_one()
    {
        var json = SynthHarness.Aws(stack =>
        {
            var bucket = Bucket(stack);
            var variable = RoleArnVariable(stack);
            Assert.That(bucket.GrantRead(RoleReference.FromArn(ScorerArn)), Is.SameAs(bucket.GrantRead(RoleReference.FromArn(ScorerArn))));
            // Each read of a variable is a new token: the Terraform expression tells it is the same role.
            Assert.That(bucket.GrantRead(RoleReference.FromArn(variable.StringValue)), Is.SameAs(bucket.GrantRead(RoleReference.FromArn(variable.StringValue))));
            bucket.GrantRead(RoleReference.FromArn(RoleArnVariable(stack, "other_role_arn").StringValue));
            // Keys that a name-based id would confuse: role "x" with prefix "models/" versus role "x-models".
            bucket.GrantRead(RoleReference.FromArn("arn:aws:iam::123456789012:role/x"), "models/");
            bucket.GrantRead(RoleReference.FromArn("arn:aws:iam::123456789012:role/x-models"));
            // The same name under another path is another role.
            bucket.GrantRead(RoleReference.FromArn("arn:aws:iam::123456789012:role/other/batch-scorer"));
        });

        var roles = json.Resources("aws_iam_role_policy").Values.Select(p => p["role"]!.GetValue<string>()).ToList();
        Assert.That(roles, Is.EquivalentTo(new[]
        {
            "batch-scorer", "batch-scorer", "x", "x-models",
            "${element(reverse(split(\"/\", var.role_arn)), 0)}", "${element(reverse(split(\"/\", var.other_role_arn)), 0)}",
        }));
    }

    [Test]
    public void An_imported_role_grant_stays_in_the_grantors_stack_while_a_declared_role_takes_it_home()
    {
        var app = SynthHarness.NewApp();
        var platform = new TerraformStack(app, "platform");
        var role = new IamRole(platform, "TeamRole", new IamRoleConfig { Name = "team", AssumeRolePolicy = "{}" });
        var serving = new TerraformStack(app, "serving");
        var bucket = Bucket(serving);

        var byArn = bucket.GrantRead(RoleReference.FromArn(role.Arn));
        var byRole = bucket.GrantRead(role);

        Assert.That(byArn.Node.Path, Does.StartWith("serving/Artifacts/GrantRead-role-"));
        Assert.That(byRole.Node.Path, Is.EqualTo("platform/TeamRole/GrantRead-serving-Artifacts"));
    }

    [Test]
    public void Repository_and_secret_grants_accept_an_imported_role()
    {
        var json = SynthHarness.Aws(stack =>
        {
            var role = RoleReference.FromArn(ScorerArn);
            new ModelImageRepository(stack, "Images", new ModelImageRepositoryProps { RepositoryName = "ml/churn" }).GrantPull(role);
            new ModelApiKey(stack, "ApiKey", new ModelApiKeyProps { SecretName = "mlops/test/api-key" }).GrantRead(role);
        });

        var policies = json.Resources("aws_iam_role_policy").Values.ToDictionary(p => p["name"]!.GetValue<string>(), p => p["role"]!.GetValue<string>());
        Assert.That(policies, Is.EquivalentTo(new Dictionary<string, string> { ["ml-churn-pull"] = "batch-scorer", ["mlops-test-api-key-read"] = "batch-scorer" }));
    }

    [TestCase("arn:aws:iam::12345:role/scorer", TestName = "short account")]
    [TestCase("arn:aws:iam::123456789012:user/scorer", TestName = "a user, not a role")]
    [TestCase("arn:aws:iam::123456789012:role/", TestName = "no name")]
    [TestCase("arn:aws:iam::123456789012:role/ml//scorer", TestName = "empty path segment")]
    [TestCase("batch-scorer", TestName = "a bare name")]
    public void A_malformed_literal_arn_is_rejected_naming_the_value_and_the_form(string arn)
    {
        var error = Assert.Throws<ConstructInputException>(() => RoleReference.FromArn(arn))!;

        Assert.That(error.Message, Does.StartWith("Invalid RoleReference at path [RoleReference.FromArn]:"));
        Assert.That(error.Problems, Is.EqualTo(new[]
        {
            $"roleArn was \"{arn}\": must be an IAM role ARN, arn:<partition>:iam::<12-digit account id>:role/<name>, optionally with a path " +
            "(role/<path>/<name>); the name is 1 to 64 letters, digits and +=,.@_- (or a reference to such an ARN).",
        }));
    }

    [Test]
    public void A_service_linked_role_or_a_blank_arn_is_rejected()
    {
        const string serviceLinked = "arn:aws:iam::123456789012:role/aws-service-role/sagemaker.amazonaws.com/AWSServiceRoleForSageMaker";
        Assert.That(Assert.Throws<ConstructInputException>(() => RoleReference.FromArn(serviceLinked))!.Problems, Is.EqualTo(new[]
        {
            $"roleArn was \"{serviceLinked}\": must not be a service-linked role (role/aws-service-role/...): IAM attaches no inline policies to service-linked roles.",
        }));
        Assert.That(Assert.Throws<ConstructInputException>(() => RoleReference.FromArn(" "))!.Problems,
            Is.EqualTo(new[] { "roleArn was \" \": must not be empty." }));
    }

    [Test]
    public void A_role_arn_with_a_path_is_accepted_and_named_by_its_last_segment()
    {
        var role = RoleReference.FromArn("arn:aws-cn:iam::123456789012:role/teams/ml/svc+scorer=1,2.@a_b-c");

        Assert.That(role.RoleName, Is.EqualTo("svc+scorer=1,2.@a_b-c"));
        Assert.That(role.RoleConstruct, Is.Null);
    }

    [Test]
    public void A_declared_role_is_wrapped_with_its_construct()
    {
        var stack = SynthHarness.BareStack();
        var iamRole = new IamRole(new Construct(stack, "Team"), "Role", new IamRoleConfig { AssumeRolePolicy = "{}" });

        var role = RoleReference.FromRole(iamRole);

        Assert.That(role.RoleConstruct, Is.SameAs(iamRole));
        Assert.That(role.RoleName, Does.StartWith("${TfToken["), "a reference to the role's name");
        Assert.Throws<ArgumentNullException>(() => RoleReference.FromRole(null!));
    }
}
