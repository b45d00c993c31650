using HashiCorp.Cdktf;
using HashiCorp.Cdktf.Providers.Aws.IamRole;
using MlopsCdktf.Aws;
using MlopsCdktf.Core;
using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Aws;

/// <summary>A repository created elsewhere: by name (deploying account and region) or by URL (any account or region).</summary>
public sealed class ImportedImageRepositoryTests
{
    internal const string SharedUrl = "210987654321.dkr.ecr.us-east-1.amazonaws.com/shared/base-serving";

    private static string[] PullResources(TerraformJson json) =>
        json.DataSources("aws_iam_policy_document").Values.Single()["statement"]!.AsArray()
            .Single(s => s!["sid"]!.GetValue<string>() == "PullModelImages")!["resources"]!.AsArray().Select(n => n!.GetValue<string>()).ToArray();

    private static string Data(TerraformJson json, string type, string attribute) =>
        json.Reference(type, json.DataSources(type).Values.Single(), attribute);

    [Test]
    public void By_name_the_arn_and_url_come_from_the_deploying_account_region_and_partition()
    {
        string? image = null;
        var json = SynthHarness.Aws(stack =>
        {
            var repository = ModelImageRepository.FromRepositoryName(stack, "Shared", "ml/shared-serving");
            image = repository.ImageUri("2.1.0");
            Assert.That(repository.RegistryId, Is.Null);
            Assert.That(repository.KeyArn, Is.Null);
            repository.GrantPull(RoleReference.FromArn("arn:aws:iam::123456789012:role/puller"));
        });

        Assert.That(json.Resources("aws_ecr_repository"), Is.Empty);
        var (partition, region, account) = (Data(json, "aws_partition", "partition"), Data(json, "aws_region", "name"), Data(json, "aws_caller_identity", "account_id"));
        Assert.That(PullResources(json), Is.EqualTo(new[] { $"arn:{partition}:ecr:{region}:{account}:repository/ml/shared-serving" }));
        Assert.That(json.Single("aws_iam_role_policy")["name"]!.GetValue<string>(), Is.EqualTo("ml-shared-serving-pull"));
        Assert.That(image, Does.EndWith("/ml/shared-serving:2.1.0"));
    }

    [Test]
    public void By_literal_url_account_region_and_name_are_read_from_the_url()
    {
        var json = SynthHarness.Aws(stack =>
        {
            var repository = ModelImageRepository.FromRepositoryUrl(stack, "Shared", SharedUrl);
            Assert.That(repository.RepositoryName, Is.EqualTo("shared/base-serving"));
            Assert.That(repository.RegistryId, Is.EqualTo("210987654321"));
            Assert.That(repository.ImageUri("sha256:" + new string('a', 64)), Is.EqualTo($"{SharedUrl}@sha256:{new string('a', 64)}"));
            repository.GrantPull(new IamRole(stack, "Puller", new IamRoleConfig { AssumeRolePolicy = "{}" }));
        });

        Assert.That(PullResources(json), Is.EqualTo(new[] { $"arn:{Data(json, "aws_partition", "partition")}:ecr:us-east-1:210987654321:repository/shared/base-serving" }));
        Assert.That(json.DataSources("aws_caller_identity"), Is.Empty, "the account is the URL's, not the caller's");
    }

    [Test]
    public void By_referenced_url_terraform_reads_account_region_and_name_with_regex()
    {
        var json = SynthHarness.Aws(stack =>
        {
            var url = new TerraformVariable(stack, "repository_url", new TerraformVariableConfig { Type = "string" });
            ModelImageRepository.FromRepositoryUrl(stack, "Shared", url.StringValue).GrantPull(RoleReference.FromArn("arn:aws:iam::123456789012:role/puller"));
        });

        const string regex = "regex(\"^([0-9]{12})[.]dkr[.]ecr(?:-fips)?[.]([a-z0-9-]+)[.][a-z0-9.-]+/((?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*)$\", var.repository_url)";
        Assert.That(PullResources(json), Is.EqualTo(new[]
        {
            $"arn:{Data(json, "aws_partition", "partition")}:ecr:${{element({regex}, 1)}}:${{element({regex}, 0)}}:repository/${{element({regex}, 2)}}",
        }));
        Assert.That(json.Single("aws_iam_role_policy")["name"]!.GetValue<string>(), Is.EqualTo("Shared-pull"), "a referenced name: the construct id");
    }

    [TestCase("ML/Shared", "RepositoryName was \"ML/Shared\": must be lowercase letters and digits in '/'-separated components, words joined by single '.', '_' or '-' (e.g. \"ml/churn-serving\").")]
    [TestCase("a", "RepositoryName was \"a\": must be 2 to 256 characters long.")]
    public void An_invalid_name_is_rejected_with_the_ecr_rule(string name, string problem)
    {
        var stack = SynthHarness.BareStack();

        var error = Assert.Throws<ConstructInputException>(() => ModelImageRepository.FromRepositoryName(stack, "Shared", name))!;

        Assert.That(error.Message, Does.StartWith("Invalid ImportedModelImageRepository at path [test/Shared]:"));
        Assert.That(error.Problems, Has.Member(problem));
    }

    [TestCase(SharedUrl + ":1.0.0", TestName = "a url with a tag")]
    [TestCase("docker.io/library/python", TestName = "another registry")]
    [TestCase("210987654321.dkr.ecr.us-east-1.amazonaws.com", TestName = "no repository name")]
    public void An_invalid_url_is_rejected_naming_the_form(string url)
    {
        var stack = SynthHarness.BareStack();

        var error = Assert.Throws<ConstructInputException>(() => ModelImageRepository.FromRepositoryUrl(stack, "Shared", url))!;

        Assert.That(error.Problems, Is.EqualTo(new[]
        {
            $"RepositoryUrl was \"{url}\": must be an ECR repository URL, <12-digit account>.dkr.ecr.<region>.<dns suffix>/<repository name> " +
            "(e.g. \"123456789012.dkr.ecr.eu-west-1.amazonaws.com/ml/churn-serving\"), without a tag, or a reference to one.",
        }));
    }

    [Test]
    public void Exactly_one_of_name_and_url_must_be_set()
    {
        var neither = Assert.Throws<ConstructInputException>(() =>
            new ImportedModelImageRepository(SynthHarness.BareStack(), "Shared", new ImportedModelImageRepositoryProps()))!;
        Assert.That(neither.Problems, Is.EqualTo(new[]
        {
            "RepositoryName was null: set RepositoryName (a repository of the deploying account and region) or RepositoryUrl (any account or region).",
        }));

        var both = Assert.Throws<ConstructInputException>(() => new ImportedModelImageRepository(SynthHarness.BareStack(), "Shared",
            new ImportedModelImageRepositoryProps { RepositoryName = "ml/shared", RepositoryUrl = SharedUrl }))!;
        Assert.That(both.Problems, Is.EqualTo(new[] { $"RepositoryUrl was \"{SharedUrl}\": must be null when RepositoryName is set: name the repository one way." }));
    }

    [Test]
    public void A_fips_url_of_another_partition_is_accepted()
    {
        var stack = SynthHarness.BareStack();

        var repository = ModelImageRepository.FromRepositoryUrl(stack, "Gov", "123456789012.dkr.ecr-fips.us-gov-west-1.amazonaws.com/ml/serving");

        Assert.That(repository.RepositoryName, Is.EqualTo("ml/serving"));
        Assert.That(repository.RegistryId, Is.EqualTo("123456789012"));
    }
}
