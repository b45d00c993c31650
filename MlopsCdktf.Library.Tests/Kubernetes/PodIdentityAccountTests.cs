using System.Text.Json.Nodes;
using HashiCorp.Cdktf;
using MlopsCdktf.Core.Scheduling;
using MlopsCdktf.Kubernetes;
using MlopsCdktf.Tests.Support;
using static MlopsCdktf.Tests.Gcp.GcpTestData;
using static MlopsCdktf.Tests.Kubernetes.KubernetesTestData;

namespace MlopsCdktf.Tests.Kubernetes;

/// <summary><see cref="PodIdentityAccount"/> (EKS Pod Identity) and the workloads that run as an <see cref="IWorkloadIdentity"/>.</summary>
public sealed class PodIdentityAccountTests
{
    public static PodIdentityAccountProps Trainer => new()
    {
        Name = "churn-trainer",
        Namespace = "ml-training",
        ClusterName = "mlops-dev",
        ReadBuckets = ["acme-ml-dev-artifacts"],
        WriteBuckets = ["acme-ml-dev-models"],
    };

    /// <summary>The selector an EKS GPU node group gives.</summary>
    public static readonly GpuNodeSelector EksGpuPool = new()
    {
        TaintKey = "nvidia.com/gpu", TaintValue = "present", TaintEffect = "NoSchedule", NodeLabelKey = "mlops.io/pool-role", NodeLabelValue = "gpu-training", GpusPerNode = 4,
    };

    private static TerraformJson Synth(Action<TerraformStack> declare)
    {
        var stack = SynthHarness.StackWithEveryProvider();
        declare(stack);
        return SynthHarness.Synth(stack);
    }

    [Test]
    public void Role_trusts_only_pod_identity_sessions_of_this_cluster_namespace_and_account()
    {
        var json = Synth(stack => _ = new PodIdentityAccount(stack, "Trainer", Trainer));
        var role = json.Single("aws_iam_role");
        Assert.That(role["name"]!.GetValue<string>(), Is.EqualTo("mlops-dev-ml-training-churn-trainer"));
        var trustRef = role["assume_role_policy"]!.GetValue<string>();
        var trust = json.DataSources("aws_iam_policy_document").Single(kv => trustRef == $"${{data.aws_iam_policy_document.{kv.Key}.json}}").Value;
        var statement = trust["statement"]!.AsArray().Single()!;
        Assert.That(statement["principals"]![0]!["type"]!.GetValue<string>(), Is.EqualTo("Service"));
        Assert.That(statement["principals"]![0]!["identifiers"]!.AsArray().Select(i => i!.GetValue<string>()), Is.EqualTo(new[] { "pods.eks.amazonaws.com" }));
        Assert.That(statement["actions"]!.AsArray().Select(a => a!.GetValue<string>()), Is.EquivalentTo(new[] { "sts:AssumeRole", "sts:TagSession" }));
        var conditions = statement["condition"]!.AsArray().ToDictionary(c => c!["variable"]!.GetValue<string>(), c => (c!["test"]!.GetValue<string>(), c["values"]![0]!.GetValue<string>()));
        Assert.That(conditions, Is.EquivalentTo(new Dictionary<string, (string, string)>
        {
            ["aws:RequestTag/eks-cluster-name"] = ("StringEquals", "mlops-dev"),
            ["aws:RequestTag/kubernetes-namespace"] = ("StringEquals", "ml-training"),
            ["aws:RequestTag/kubernetes-service-account"] = ("StringEquals", "churn-trainer"),
        }));
    }

    [Test]
    public void Association_gives_the_role_to_the_service_account_it_declares()
    {
        var json = Synth(stack => _ = new PodIdentityAccount(stack, "Trainer", Trainer));
        var account = json.Single("kubernetes_service_account_v1");
        var association = json.Single("aws_eks_pod_identity_association");
        Assert.That(association["cluster_name"]!.GetValue<string>(), Is.EqualTo("mlops-dev"));
        Assert.That(association["namespace"]!.GetValue<string>(), Is.EqualTo("ml-training"));
        Assert.That(association["service_account"]!.GetValue<string>(), Is.EqualTo(json.Reference("kubernetes_service_account_v1", account, "metadata[0].name")));
        Assert.That(association["role_arn"]!.GetValue<string>(), Is.EqualTo(json.Reference("aws_iam_role", json.Single("aws_iam_role"), "arn")));
        Assert.That(account["metadata"]!["name"]!.GetValue<string>(), Is.EqualTo("churn-trainer"));
        Assert.That(account["metadata"]!["annotations"], Is.Null, "no IRSA annotation: Pod Identity");
        Assert.That(account["automount_service_account_token"]!.GetValue<bool>(), Is.False);
        Assert.That(json.Resources("google_service_account"), Is.Empty);
    }

    [Test]
    public void S3_grants_are_scoped_to_the_buckets_and_never_delete()
    {
        var json = Synth(stack => _ = new PodIdentityAccount(stack, "Trainer", Trainer with
        {
            BucketKeyArns = ["arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"],
        }));
        var statements = json.PolicyStatements(json.Single("aws_iam_role_policy")).ToDictionary(s => s["sid"]!.GetValue<string>());
        string[] Strings(JsonObject s, string key) => s[key]!.AsArray().Select(x => x!.GetValue<string>()).ToArray();
        var partition = "${data.aws_partition." + json.DataSources("aws_partition").Keys.Single() + ".partition}";
        Assert.That(Strings(statements["ListReadBuckets"], "actions"), Is.EqualTo(new[] { "s3:ListBucket" }));
        Assert.That(Strings(statements["ListReadBuckets"], "resources"), Is.EqualTo(new[] { $"arn:{partition}:s3:::acme-ml-dev-artifacts" }));
        Assert.That(Strings(statements["GetObjects"], "actions"), Is.EqualTo(new[] { "s3:GetObject" }));
        Assert.That(Strings(statements["GetObjects"], "resources"), Is.EqualTo(new[] { $"arn:{partition}:s3:::acme-ml-dev-artifacts/*" }));
        Assert.That(Strings(statements["PutObjects"], "actions"), Is.EqualTo(new[] { "s3:PutObject" }));
        Assert.That(Strings(statements["PutObjects"], "resources"), Is.EqualTo(new[] { $"arn:{partition}:s3:::acme-ml-dev-models/*" }));
        Assert.That(Strings(statements["BucketKeysThroughS3"], "actions"), Is.EqualTo(new[] { "kms:Decrypt", "kms:GenerateDataKey" }));
        Assert.That(statements["BucketKeysThroughS3"]["condition"]![0]!["variable"]!.GetValue<string>(), Is.EqualTo("kms:ViaService"));
        var every = statements.Values.SelectMany(s => Strings(s, "actions")).ToList();
        Assert.That(every, Has.None.Contains("Delete").And.None.Contains("*"), "create, never delete; no wildcard action");
        Assert.That(statements.Values.SelectMany(s => Strings(s, "resources")), Has.None.EqualTo("*"));
    }

    [Test]
    public void Without_buckets_the_role_has_no_policy()
    {
        var json = Synth(stack => _ = new PodIdentityAccount(stack, "Trainer", Trainer with { ReadBuckets = [], WriteBuckets = [] }));
        Assert.That(json.Resources("aws_iam_role_policy"), Is.Empty);
        Assert.That(json.Resources("aws_eks_pod_identity_association"), Has.Count.EqualTo(1));
    }

    [Test]
    public void A_cluster_name_from_another_stack_derives_the_role_name_at_apply()
    {
        var json = Synth(stack => _ = new PodIdentityAccount(stack, "Trainer", Trainer with
        {
            ClusterName = new TerraformVariable(stack, "cluster", new TerraformVariableConfig { Type = "string" }).StringValue,
        }));
        Assert.That(json.Single("aws_iam_role")["name"]!.GetValue<string>(), Is.EqualTo("${var.cluster}-ml-training-churn-trainer"));
    }

    [Test]
    public void Pod_identity_account_reports_every_bad_input()
    {
        var error = Reject<PodIdentityAccount>(stack => _ = new PodIdentityAccount(stack, "Trainer", Trainer with
        {
            Name = "default",
            Namespace = "kube-system",
            ClusterName = new string('c', 60),
            ReadBuckets = ["Bad_Bucket"],
            BucketKeyArns = ["alias/mine"],
        }));
        Assert.That(error.Problems, Is.EqualTo(new[]
        {
            "Namespace was \"kube-system\": must not be default, a kube- namespace (kube-system, kube-public, kube-node-lease: Kubernetes reserves the prefix) or a GKE-managed one (gke-, gmp-): ML workloads get their own labelled, quota-bound namespace (an MlNamespace).",
            "Name was \"default\": must not be default: every namespace already has a default service account (the create fails), and associating it would give its role to every pod of the namespace.",
            $"RoleName was null: derives \"{new string('c', 60)}-kube-system-default\" (80 characters, {{ClusterName}}-{{Namespace}}-{{Name}}), longer than IAM's 64: set RoleName.",
            "ReadBuckets was \"Bad_Bucket\": must be an S3 bucket name: 3 to 63 lowercase letters, digits, '.' and '-', starting and ending with a letter or digit.",
            "BucketKeyArns was \"alias/mine\": must be a KMS key ARN such as arn:aws:kms:eu-west-1:123456789012:key/<id>.",
        }));
    }

    [Test]
    public void Serving_runs_as_a_given_pod_identity_and_waits_for_its_association()
    {
        var json = Synth(stack =>
        {
            var identity = new PodIdentityAccount(stack, "ServingIdentity", Trainer with { Name = "churn", Namespace = "ml-models", ReadBuckets = ["acme-ml-registry"], WriteBuckets = [] });
            _ = new ModelServingDeployment(stack, "Serving", Serving with { ProjectId = null, Identity = identity });
        });
        Assert.That(json.Resources("google_service_account"), Is.Empty, "no Workload Identity account on EKS");
        var deployment = json.Single("kubernetes_deployment_v1");
        var account = json.Single("kubernetes_service_account_v1");
        Assert.That(deployment["spec"]!["template"]!["spec"]!["service_account_name"]!.GetValue<string>(),
            Is.EqualTo(json.Reference("kubernetes_service_account_v1", account, "metadata[0].name")));
        Assert.That(deployment["depends_on"]!.AsArray().Select(d => d!.GetValue<string>()),
            Does.Contain("aws_eks_pod_identity_association." + json.Resources("aws_eks_pod_identity_association").Keys.Single()));
    }

    [Test]
    public void Serving_without_an_identity_keeps_its_workload_identity_and_no_depends_on()
    {
        var json = Synth(stack => _ = new ModelServingDeployment(stack, "Serving", Serving));
        Assert.That(json.Resources("google_service_account"), Has.Count.EqualTo(1));
        Assert.That(json.Single("kubernetes_deployment_v1")["depends_on"], Is.Null);
    }

    [Test]
    public void Serving_refuses_an_identity_that_cannot_read_its_models_is_elsewhere_or_comes_with_a_project()
    {
        var error = Reject<ModelServingDeployment>(stack =>
        {
            var identity = new PodIdentityAccount(stack, "ServingIdentity", Trainer with { Name = "churn", Namespace = "ml-other", ReadBuckets = ["acme-ml-other"], WriteBuckets = [] });
            _ = new ModelServingDeployment(stack, "Serving", Serving with { Identity = identity });
        });
        Assert.That(error.Problems, Is.EqualTo(new[]
        {
            "Identity.Namespace was \"ml-other\": must be the workload's Namespace (ml-models): a pod can run only as a service account of its own namespace.",
            "ProjectId was \"acme-ml-test\": must be null when Identity is given: it is only the project of the Workload Identity account this construct creates without one.",
            "ModelRegistryBucket was \"acme-ml-registry\": is not among the Identity's ReadBuckets (acme-ml-other): the pods could not read their models; add it to the identity's ReadBuckets.",
        }));

        var noProject = Reject<ModelServingDeployment>(stack => _ = new ModelServingDeployment(stack, "Serving", Serving with { ProjectId = null }));
        Assert.That(noProject.Problems, Is.EqualTo(new[]
        {
            "ProjectId was null: must be set unless Identity is given: without an Identity the pods get a Workload Identity account in this project's pool (GKE); on EKS pass a PodIdentityAccount as Identity.",
        }));
    }

    [Test]
    public void Batch_job_on_an_eks_gpu_group_runs_as_its_pod_identity()
    {
        var json = Synth(stack =>
        {
            var identity = new PodIdentityAccount(stack, "Trainer", Trainer with { Namespace = "ml-models" });
            _ = new BatchJob(stack, "Retrain", Retrain with { Identity = identity, Gpu = new GpuRequest { Count = 4, Pool = EksGpuPool } });
        });
        var cron = json.Single("kubernetes_cron_job_v1");
        var pod = cron["spec"]!["job_template"]!["spec"]!["template"]!["spec"]!;
        Assert.That(pod["service_account_name"]!.GetValue<string>(),
            Is.EqualTo(json.Reference("kubernetes_service_account_v1", json.Single("kubernetes_service_account_v1"), "metadata[0].name")));
        Assert.That(pod["automount_service_account_token"]!.GetValue<bool>(), Is.False);
        var toleration = pod["toleration"]!.AsArray().Single()!;
        Assert.That((toleration["key"]!.GetValue<string>(), toleration["operator"]!.GetValue<string>(), toleration["value"]!.GetValue<string>(), toleration["effect"]!.GetValue<string>()),
            Is.EqualTo(("nvidia.com/gpu", "Equal", "present", "NoSchedule")));
        var expression = pod["affinity"]!["node_affinity"]!["required_during_scheduling_ignored_during_execution"]!["node_selector_term"]![0]!["match_expressions"]![0]!;
        Assert.That(expression["key"]!.GetValue<string>(), Is.EqualTo("mlops.io/pool-role"));
        Assert.That(expression["values"]!.AsArray().Select(v => v!.GetValue<string>()), Is.EqualTo(new[] { "gpu-training" }));
        Assert.That(pod["container"]![0]!["resources"]!["limits"]!["nvidia.com/gpu"]!.GetValue<string>(), Is.EqualTo("4"));
        Assert.That(cron["depends_on"]!.AsArray().Select(d => d!.GetValue<string>()), Does.Contain("aws_eks_pod_identity_association." + json.Resources("aws_eks_pod_identity_association").Keys.Single()));
    }

    [Test]
    public void Batch_job_refuses_both_a_service_account_name_and_an_identity()
    {
        var error = Reject<BatchJob>(stack =>
        {
            var identity = new PodIdentityAccount(stack, "Trainer", Trainer with { Namespace = "ml-models" });
            _ = new BatchJob(stack, "Retrain", Retrain with { Identity = identity, ServiceAccountName = "churn-trainer" });
        });
        Assert.That(error.Problems, Is.EqualTo(new[]
        {
            "ServiceAccountName was \"churn-trainer\": must be null when Identity is given: the pods run as the Identity's service account.",
        }));
    }

    [Test]
    public void The_policy_pack_finds_nothing_in_a_pod_identity_account_and_the_addons()
    {
        var stack = SynthHarness.StackWithEveryProvider();
        new HashiCorp.Cdktf.Providers.Helm.Provider.HelmProvider(stack, "helm", new HashiCorp.Cdktf.Providers.Helm.Provider.HelmProviderConfig());
        var identity = new PodIdentityAccount(stack, "Trainer", Trainer with { Namespace = "ml-models" });
        _ = new BatchJob(stack, "Retrain", Retrain with { Identity = identity, Gpu = new GpuRequest { Count = 1, Pool = EksGpuPool } });
        _ = new MlopsCdktf.Kubernetes.Addons.EksClusterAddons(stack, "Addons", Addons.AddonsTestData.EksAddons);
        Assert.That(MlopsCdktf.Tests.Policy.PolicyHarness.Findings(stack), Is.Empty);
    }
}
