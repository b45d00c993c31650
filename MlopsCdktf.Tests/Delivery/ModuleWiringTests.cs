using System.Text.Json.Nodes;
using MlopsCdktf.Aws;
using MlopsCdktf.Core;
using MlopsCdktf.Environments;
using MlopsCdktf.Stacks;
using MlopsCdktf.Tests.Support;
using MlopsCdktf.Tests.Terraform;

namespace MlopsCdktf.Tests.Delivery;

/// <summary>The local modules as the stacks use them: sources reachable from the stack folder, inputs wired to the
/// environment and to each other, prod protection of the notebook, and the model's VPC config from the network.</summary>
public sealed class ModuleWiringTests
{
    public static IEnumerable<DeploymentEnvironment> Environments() => Catalog.All;

    private static TerraformJson Platform(DeploymentEnvironment env) => AppSynth.Stack(MlopsStack.StackName(AwsPlatformStack.Cloud, env));

    private static JsonObject Module(TerraformJson json, string pathSuffix) =>
        json.Root["module"]!.AsObject().Single(m => TerraformJson.ConstructPath(m.Value!.AsObject())!.EndsWith(pathSuffix, StringComparison.Ordinal)).Value!.AsObject();

    private static string ModuleName(TerraformJson json, string pathSuffix) =>
        json.Root["module"]!.AsObject().Single(m => TerraformJson.ConstructPath(m.Value!.AsObject())!.EndsWith(pathSuffix, StringComparison.Ordinal)).Key;

    [TestCaseSource(nameof(Environments))]
    public void Module_sources_are_the_embedded_modules_carried_in_the_stack_folder(DeploymentEnvironment env)
    {
        var name = MlopsStack.StackName(AwsPlatformStack.Cloud, env);
        var json = Platform(env);
        var folder = AppSynth.StackFolder(name);
        foreach (var (suffix, module) in new[] { ("/Network/Module", "aws-network"), ("/Notebook/Module", "sagemaker-notebook") })
        {
            var embedded = EmbeddedModule.Named(module);
            // ./assets/module-<name>/<content hash>: relative to the stack folder, the same on every machine.
            Assert.That(Module(json, suffix)["source"]!.GetValue<string>(), Is.EqualTo($"./assets/module-{module}/{embedded.Hash}"));
            Assert.That(embedded.IsWrittenAt(Path.Combine(folder, "assets", $"module-{module}", embedded.Hash)), Is.True,
                $"{name}/assets/module-{module}/{embedded.Hash} must hold exactly the embedded module");
        }

        Assert.That(Directory.EnumerateDirectories(Path.Combine(folder, "assets")).Select(Path.GetFileName),
            Is.EquivalentTo(new[] { "module-aws-network", "module-sagemaker-notebook" }), "one asset per module, nothing else");
    }

    [Test]
    public void The_embedded_modules_are_the_repository_modules_byte_for_byte()
    {
        var modules = Path.Combine(RepoPaths.Root, "modules");
        Assert.That(EmbeddedModule.Names, Is.EqualTo(Directory.EnumerateDirectories(modules).Select(Path.GetFileName).Order(StringComparer.Ordinal)));
        foreach (var name in EmbeddedModule.Names)
        {
            var folder = Path.Combine(modules, name);
            // Terraform's working files (.terraform/, the lock file) and state are not part of a module.
            var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'))
                .Where(f => !f.Split('/').Any(part => part.StartsWith('.')) && !f.Contains(".tfstate", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal)
                .ToDictionary(f => f, f => File.ReadAllText(Path.Combine(folder, f)).ReplaceLineEndings("\n"));
            Assert.That(EmbeddedModule.Named(name).Files.ToDictionary(f => f.Key, f => System.Text.Encoding.UTF8.GetString(f.Value)), Is.EqualTo(files),
                $"modules/{name} differs from the module embedded in the library: rebuild it");
        }
    }

    [Test]
    public void Only_stacks_with_a_network_or_notebook_carry_assets()
    {
        foreach (var name in AppSynth.All.Keys)
        {
            var hasModules = LocalModuleSources.Modules(AppSynth.Stack(name)).Any();
            Assert.That(Directory.Exists(Path.Combine(AppSynth.StackFolder(name), "assets")), Is.EqualTo(hasModules), name);
        }
    }

    [TestCaseSource(nameof(Environments))]
    public void The_network_comes_from_the_environment(DeploymentEnvironment env)
    {
        var network = Module(Platform(env), "/Network/Module");
        Assert.That(network["name"]!.GetValue<string>(), Is.EqualTo($"mlops-{env.Name}"));
        Assert.That(network["cidr_block"]!.GetValue<string>(), Is.EqualTo(env.Network.CidrBlock));
        Assert.That(network["availability_zones"]!.AsArray().Select(z => z!.GetValue<string>()), Is.EqualTo(env.Network.AvailabilityZones));
        Assert.That(network["interface_endpoint_services"]!.AsArray().Select(z => z!.GetValue<string>()), Is.EqualTo(new[] { "sagemaker.api", "sagemaker.runtime" }));
    }

    [TestCaseSource(nameof(Environments))]
    public void The_notebook_sits_in_the_network_reads_the_artifacts_and_has_its_own_key(DeploymentEnvironment env)
    {
        var json = Platform(env);
        var notebook = Module(json, "/Notebook/Module");
        var network = ModuleName(json, "/Network/Module");

        Assert.That(notebook["subnet_id"]!.GetValue<string>(), Is.EqualTo($"${{element(module.{network}.private_subnet_ids, 0)}}"));
        Assert.That(notebook["security_group_ids"]!.AsArray().Select(g => g!.GetValue<string>()), Is.EqualTo(new[] { $"${{module.{network}.workload_security_group_id}}" }));
        Assert.That(notebook["artifact_bucket_arn"]!.GetValue<string>(), Is.EqualTo(json.Reference("aws_s3_bucket", json.ByPath("aws_s3_bucket", "ModelArtifacts/Bucket"), "arn")));
        Assert.That(notebook["artifact_key_arn"]!.GetValue<string>(), Is.EqualTo(json.Reference("aws_kms_key", json.ByPath("aws_kms_key", "ModelArtifacts/Key"), "arn")));
        var key = json.ByPath("aws_kms_key", "Notebook/Key");
        Assert.That(notebook["kms_key_arn"]!.GetValue<string>(), Is.EqualTo(json.Reference("aws_kms_key", key, "arn")));
        Assert.That(key["enable_key_rotation"]!.GetValue<bool>(), Is.True);
        Assert.That(notebook["idle_minutes"]!.GetValue<int>(), Is.EqualTo(env.Notebook!.IdleMinutes));
        Assert.That(json.Root["output"]!["notebook_url"]!["value"]!.GetValue<string>(), Is.EqualTo($"${{module.{ModuleName(json, "/Notebook/Module")}.url}}"));
    }

    [Test]
    public void Only_prod_protects_the_notebook_and_its_key_from_destroy()
    {
        foreach (var env in Catalog.All)
        {
            var json = Platform(env);
            var prod = env.DataDeletionPolicy == DeletionPolicy.PreventDestroy;
            Assert.That(Module(json, "/Notebook/Module")["prevent_destroy"]!.GetValue<bool>(), Is.EqualTo(prod), env.Name);
            Assert.That(json.ByPath("aws_kms_key", "Notebook/Key")["lifecycle"]?["prevent_destroy"]?.GetValue<bool>() ?? false, Is.EqualTo(prod), env.Name);
        }

        Assert.That(Catalog.All.Count(e => e.DataDeletionPolicy == DeletionPolicy.PreventDestroy), Is.EqualTo(1));
    }

    [TestCaseSource(nameof(Environments))]
    public void The_network_keeps_flow_logs_for_a_year_encrypted_with_its_own_key_protected_like_the_data(DeploymentEnvironment env)
    {
        var json = Platform(env);
        var flowLogs = Module(json, "/Network/Module")["flow_logs"]!.AsObject();
        var key = json.ByPath("aws_kms_key", "Network/Key");
        Assert.That(flowLogs["log_group_name"]!.GetValue<string>(), Is.EqualTo($"/aws/vpc/flow-logs/mlops-{env.Name}"));
        Assert.That(flowLogs["kms_key_arn"]!.GetValue<string>(), Is.EqualTo(json.Reference("aws_kms_key", key, "arn")));
        Assert.That(flowLogs["retention_in_days"]!.GetValue<int>(), Is.EqualTo(365));
        Assert.That(flowLogs["traffic_type"]!.GetValue<string>(), Is.EqualTo("ALL"));
        Assert.That(key["lifecycle"]?["prevent_destroy"]?.GetValue<bool>() ?? false, Is.EqualTo(env.DataDeletionPolicy == DeletionPolicy.PreventDestroy));
    }

    [TestCaseSource(nameof(Environments))]
    public void The_model_runs_in_the_network_where_the_environment_chooses_it(DeploymentEnvironment env)
    {
        var serving = AppSynth.Stack(MlopsStack.StackName(AwsServingStack.Cloud, env));
        var vpc = serving.Single("aws_sagemaker_model")["vpc_config"];
        if (!env.Serving.InVpc)
        {
            Assert.That(vpc, Is.Null);
            return;
        }

        var remote = $"data.terraform_remote_state.cross-stack-reference-input-mlops-aws-{env.Name}.outputs.cross-stack-output-module{ModuleName(Platform(env), "/Network/Module")}";
        Assert.That(vpc!["subnets"]!.AsArray().Select(s => s!.GetValue<string>()),
            Is.EqualTo(new[] { $"${{element({remote}private_subnet_ids, 0)}}", $"${{element({remote}private_subnet_ids, 1)}}" }));
        Assert.That(vpc["security_group_ids"]!.AsArray().Select(s => s!.GetValue<string>()), Is.EqualTo(new[] { $"${{{remote}workload_security_group_id}}" }));
    }

    [Test]
    public void Bad_network_and_notebook_input_is_rejected_naming_each_problem()
    {
        var network = Assert.Throws<ConstructInputException>(() => SynthHarness.Aws(stack => new PrivateNetwork(stack, "Network", new PrivateNetworkProps
        {
            Name = "Mlops_Prod",
            CidrBlock = "8.8.0.0/16",
            AvailabilityZones = ["eu-west-1a", "eu-west-1a"],
        })))!;
        Assert.That(network.Message, Does.StartWith("Invalid PrivateNetwork at path [test/Network]:"));
        Assert.That(network.Problems, Is.EqualTo(new[]
        {
            "Name was \"Mlops_Prod\": must be 2 to 32 lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen.",
            "CidrBlock was \"8.8.0.0/16\": must be a private IPv4 range (10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16) from /16 to /24, e.g. 10.40.0.0/16.",
            "AvailabilityZones was \"eu-west-1a, eu-west-1a\": must list exactly two different zones: endpoints and notebooks need subnets in two zones.",
        }));

        var notebook = Assert.Throws<ConstructInputException>(() => SynthHarness.Aws(stack => new SageMakerNotebook(stack, "Notebook", new SageMakerNotebookProps
        {
            Name = "research notebook",
            IdleMinutes = 5,
            SubnetId = "subnet-0123456789abcdef0",
            SecurityGroupIds = [],
            ArtifactBucket = new ModelArtifactBucket(stack, "Artifacts", new ModelArtifactBucketProps { BucketName = "acme-notebook-test" }),
        })))!;
        Assert.That(notebook.Message, Does.StartWith("Invalid SageMakerNotebook at path [test/Notebook]:"));
        Assert.That(notebook.Problems, Is.EqualTo(new[]
        {
            "Name was \"research notebook\": must be 1 to 52 letters, digits and single hyphens, starting and ending with a letter or digit.",
            "IdleMinutes was 5: must be between 10 and 1440 minutes.",
            "SecurityGroupIds was 0: must list 1 to 5 security group ids.",
        }));
        // The instance type is a value checked where it is made: a malformed name never reaches the notebook.
        Assert.That(Assert.Throws<ArgumentException>(() => SageMakerInstanceType.Of("t3.medium"))!.Message,
            Does.StartWith("InstanceType was \"t3.medium\": must be an ML instance type ml.<family>.<size> (e.g. \"ml.m5.large\")."));
    }
}
