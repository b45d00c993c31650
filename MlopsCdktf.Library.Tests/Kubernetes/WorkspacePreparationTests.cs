using System.Diagnostics;
using System.Text.Json.Nodes;
using HashiCorp.Cdktf;
using MlopsCdktf.Core;
using MlopsCdktf.Kubernetes;
using MlopsCdktf.Policy;
using MlopsCdktf.Tests.Support;
using static MlopsCdktf.Tests.Kubernetes.KubernetesTestData;

namespace MlopsCdktf.Tests.Kubernetes;

/// <summary>
/// The workspace preparation: a Job Terraform waits for creates the prepared directories as root with only CHOWN, in
/// its own baseline namespace; workloads mount only prepared directories and depend on the Job; the script is
/// idempotent (run for real, twice, on a temporary directory).
/// </summary>
[Category("Process")]
public sealed class WorkspacePreparationTests
{
    private static TerraformJson SynthWorkloads(out WorkspacePreparation preparation)
    {
        WorkspacePreparation? created = null;
        var json = SynthHarness.Kubernetes(stack => created = DeclareWorkloads(stack));
        preparation = created!;
        return json;
    }

    /// <summary>A preparation, a volume per prepared directory, and serving and retrain mounting them.</summary>
    private static WorkspacePreparation DeclareWorkloads(TerraformStack stack)
    {
        _ = new HashiCorp.Cdktf.Providers.Google.Provider.GoogleProvider(stack, "google", new HashiCorp.Cdktf.Providers.Google.Provider.GoogleProviderConfig { Project = "acme-ml-test" });
        var preparation = new WorkspacePreparation(stack, "Preparation", Preparation);
        var models = new NfsWorkspaceVolume(stack, "Models", ModelsVolume(preparation));
        _ = new ModelServingDeployment(stack, "Serving", Serving with { Models = models.Mount("/models") });
        _ = new BatchJob(stack, "Retrain", Retrain with { Mounts = [models.Mount("/workspace/models")] });
        return preparation;
    }

    [Test]
    public void The_job_runs_before_anything_and_terraform_waits_for_it()
    {
        var json = SynthHarness.Kubernetes(stack => new WorkspacePreparation(stack, "Preparation", Preparation));
        var job = json.Single("kubernetes_job_v1");
        Assert.That(job["wait_for_completion"]!.GetValue<bool>(), Is.True, "without it Terraform would start the workloads while the Job still runs");
        Assert.That(job["timeouts"]!["create"]!.GetValue<string>(), Is.EqualTo("10m"), "the provider's default of 1 minute does not cover an image pull");
        var spec = job["spec"]!;
        Assert.That(spec["active_deadline_seconds"]!.GetValue<int>(), Is.EqualTo(570));
        Assert.That(spec["ttl_seconds_after_finished"], Is.Null, "the provider re-creates a Job the cluster deleted: every plan would show a change");
        Assert.That(job["metadata"]!["name"]!.GetValue<string>(), Does.Match("^training-workspace-prepare-[0-9a-f]{8}$"));
    }

    [Test]
    public void The_job_is_root_with_only_chown_in_its_own_baseline_namespace_on_the_share_root()
    {
        var json = SynthHarness.Kubernetes(stack => new WorkspacePreparation(stack, "Preparation", Preparation));
        var ns = json.Single("kubernetes_namespace_v1")["metadata"]!;
        Assert.That(ns["name"]!.GetValue<string>(), Is.EqualTo("ml-workspace-admin"));
        Assert.That(ns["labels"]!["pod-security.kubernetes.io/enforce"]!.GetValue<string>(), Is.EqualTo("baseline"), "restricted forbids uid 0 and CHOWN");
        Assert.That(ns["labels"]!["data_classification"]!.GetValue<string>(), Is.EqualTo("confidential"));

        var pod = json.Single("kubernetes_job_v1")["spec"]!["template"]!["spec"]!;
        Assert.That(pod["security_context"]!["run_as_user"]!.GetValue<string>(), Is.EqualTo("0"));
        Assert.That(pod["automount_service_account_token"]!.GetValue<bool>(), Is.False);
        Assert.That(pod["restart_policy"]!.GetValue<string>(), Is.EqualTo("Never"));
        var container = pod["container"]![0]!;
        var security = container["security_context"]!;
        Assert.That(security["capabilities"]!["drop"]!.AsArray().Select(c => c!.GetValue<string>()), Is.EqualTo(new[] { "ALL" }));
        Assert.That(security["capabilities"]!["add"]!.AsArray().Select(c => c!.GetValue<string>()), Is.EqualTo(new[] { "CHOWN" }),
            "root owns the share root, so mkdir and chmod need no DAC_OVERRIDE or FOWNER");
        Assert.That(security["allow_privilege_escalation"]!.GetValue<bool>(), Is.False);
        Assert.That(security["read_only_root_filesystem"]!.GetValue<bool>(), Is.True);
        Assert.That(security["privileged"]!.GetValue<bool>(), Is.False);

        // It mounts the share root through a claim of its own, in its own namespace.
        var volume = json.Single("kubernetes_persistent_volume_v1")["spec"]![0]!["persistent_volume_source"]!["nfs"]!;
        Assert.That(volume["path"]!.GetValue<string>(), Is.EqualTo("/workspace"));
        var claim = json.Single("kubernetes_persistent_volume_claim_v1");
        Assert.That(pod["volume"]![0]!["persistent_volume_claim"]!["claim_name"]!.GetValue<string>(),
            Is.EqualTo(json.Reference("kubernetes_persistent_volume_claim_v1", claim, "metadata[0].name")));
        Assert.That(container["volume_mount"]![0]!["mount_path"]!.GetValue<string>(), Is.EqualTo("/share"));
    }

    [Test]
    public void The_admin_namespace_denies_all_traffic_and_allows_none()
    {
        var json = SynthHarness.Kubernetes(stack => new WorkspacePreparation(stack, "Preparation", Preparation));
        var policy = json.Single("kubernetes_network_policy_v1")["spec"]!;
        Assert.That(policy["policy_types"]!.AsArray().Select(t => t!.GetValue<string>()), Is.EquivalentTo(new[] { "Ingress", "Egress" }));
        Assert.That(policy["pod_selector"]!.AsObject(), Is.Empty, "every pod of the namespace");
        Assert.That(policy["ingress"], Is.Null);
        Assert.That(policy["egress"], Is.Null, "kubelet mounts NFS from the node; the Job's pod needs no network");
    }

    [Test]
    public void The_script_creates_each_directory_for_the_workloads_uid_and_gid()
    {
        var preparation = new WorkspacePreparation(SynthHarness.BareStack(), "Preparation", Preparation);
        Assert.That(preparation.Script, Does.Contain("for d in models datasets checkpoints; do"));
        Assert.That(preparation.Script, Does.Contain("mkdir -p -- \"$d\""));
        Assert.That(preparation.Script, Does.Contain("chmod 2775 \"$d\""));
        Assert.That(preparation.Script, Does.Contain("chown 1000:1000 \"$d\""));
        Assert.That(preparation.Script, Does.StartWith("set -eu\n"));
    }

    [Test]
    public void The_script_is_idempotent_when_run_twice_on_a_share()
    {
        if (!File.Exists("/bin/sh") || Environment.UserName != "root")
        {
            Assert.Ignore("needs /bin/sh and root (chown), like the Job");
        }

        var preparation = new WorkspacePreparation(SynthHarness.BareStack(), "Preparation", Preparation);
        var share = Directory.CreateTempSubdirectory("share-");
        try
        {
            Directory.CreateDirectory(Path.Combine(share.FullName, "models")); // left by an earlier environment
            var script = preparation.Script.Replace("cd /share", $"cd {share.FullName}", StringComparison.Ordinal);
            var first = Run(script);
            var second = Run(script);
            Assert.That(first.ExitCode, Is.Zero, first.Output);
            Assert.That(second.ExitCode, Is.Zero, second.Output);
            Assert.That(second.Output, Is.EqualTo(first.Output));
            foreach (var directory in Preparation.Directories)
            {
                var path = Path.Combine(share.FullName, directory);
                Assert.That(Run($"stat -c '%u:%g %a' {path}").Output.Trim(), Is.EqualTo("1000:1000 2775"), directory);
            }
        }
        finally
        {
            share.Delete(recursive: true);
        }
    }

    [Test]
    public void A_changed_directory_list_or_image_renames_the_job_so_it_runs_again()
    {
        string NameOf(WorkspacePreparationProps props) =>
            SynthHarness.Kubernetes(stack => new WorkspacePreparation(stack, "Preparation", props)).Single("kubernetes_job_v1")["metadata"]!["name"]!.GetValue<string>();

        Assert.That(NameOf(Preparation), Is.EqualTo(NameOf(Preparation)), "deterministic");
        Assert.That(NameOf(Preparation with { Directories = ["models", "datasets", "checkpoints", "predictions"] }), Is.Not.EqualTo(NameOf(Preparation)));
        Assert.That(NameOf(Preparation with { Image = Preparation.Image.Replace(":1.0.0", ":1.1.0", StringComparison.Ordinal) }), Is.Not.EqualTo(NameOf(Preparation)),
            "a Job's pod template is immutable: a new image is a new Job");
    }

    [Test]
    public void Workloads_mount_prepared_directories_without_subpath_and_depend_on_the_job()
    {
        var json = SynthWorkloads(out _);
        var job = $"kubernetes_job_v1.{json.Resources("kubernetes_job_v1").Keys.Single()}";
        var models = json.ByPath("kubernetes_persistent_volume_v1", "Models/Volume");
        Assert.That(models["spec"]![0]!["persistent_volume_source"]!["nfs"]!["path"]!.GetValue<string>(), Is.EqualTo("/workspace/models"),
            "the volume is the prepared directory itself: kubelet creates nothing");
        Assert.That(DependsOn(models), Does.Contain(job));

        var deployment = json.Single("kubernetes_deployment_v1");
        Assert.That(DependsOn(deployment), Does.Contain(job), "the serving pods start only once models/ exists");
        var mount = deployment["spec"]!["template"]!["spec"]!["container"]![0]!["volume_mount"]!.AsArray().Single(m => m!["name"]!.GetValue<string>() == "models")!;
        Assert.That(mount["sub_path"], Is.Null);
        Assert.That(mount["read_only"]!.GetValue<bool>(), Is.True);

        var cron = json.Single("kubernetes_cron_job_v1");
        Assert.That(DependsOn(cron), Does.Contain(job));
    }

    [Test]
    public void A_subpath_no_preparation_creates_is_refused()
    {
        // What the Kubernetes stack declared before: kubelet would create models/ as root, which a root-squashed share refuses.
        var error = Assert.Throws<ConstructInputException>(() => _ = new ModelServingDeployment(SynthHarness.BareStack(), "Serving",
            Serving with { Models = new ClaimMount { ClaimName = "training-workspace", MountPath = "/models", SubPath = "models" } }))!;
        Assert.That(error.ConstructPath, Is.EqualTo("test/Serving"));
        Assert.That(error.Problems, Is.EqualTo(new[]
        {
            "Models.SubPath was \"models\": no WorkspacePreparation creates it (PreparedBy is null): kubelet would create it as root on the node, which a root-squashed "
            + "share refuses (the pod never starts) and which uid 1000 could not write; list it in a WorkspacePreparation's Directories and set PreparedBy, or mount a "
            + "volume of the prepared directory (NfsWorkspaceVolumeProps.Directory).",
        }));
    }

    [Test]
    public void A_subpath_the_preparation_does_not_create_is_refused_and_one_it_creates_is_accepted()
    {
        var stack = SynthHarness.BareStack();
        var preparation = new WorkspacePreparation(stack, "Preparation", Preparation);
        var error = Assert.Throws<ConstructInputException>(() => _ = new BatchJob(stack, "Retrain",
            Retrain with { Mounts = [new ClaimMount { ClaimName = "workspace", MountPath = "/runs", SubPath = "runs", PreparedBy = preparation }] }))!;
        Assert.That(error.Problems, Is.EqualTo(new[]
        {
            "Mounts[0].SubPath was \"runs\": is not one of the directories PreparedBy creates (models, datasets, checkpoints); kubelet would create it as root on the node.",
        }));
        Assert.DoesNotThrow(() => _ = new BatchJob(stack, "Retrain2",
            Retrain with { Name = "churn-retrain2", Mounts = [new ClaimMount { ClaimName = "workspace", MountPath = "/models", SubPath = "models", PreparedBy = preparation }] }));
    }

    [Test]
    public void A_preparation_for_another_uid_is_refused_by_the_workloads()
    {
        var stack = SynthHarness.BareStack();
        var preparation = new WorkspacePreparation(stack, "Preparation", Preparation with { OwnerUserId = 2000 });
        var volume = new NfsWorkspaceVolume(stack, "Models", ModelsVolume(preparation));
        var error = Assert.Throws<ConstructInputException>(() => _ = new BatchJob(stack, "Retrain", Retrain with { Mounts = [volume.Mount("/models")] }))!;
        Assert.That(error.Problems, Is.EqualTo(new[]
        {
            "Mounts[0].PreparedBy was \"owner 2000:1000\": must hand the directories to 1000:1000, the uid:gid this workload runs as, or it could not write them.",
        }));
    }

    [Test]
    public void A_directory_volume_needs_the_preparation_that_creates_it()
    {
        var stack = SynthHarness.BareStack();
        var preparation = new WorkspacePreparation(stack, "Preparation", Preparation);
        var unprepared = Assert.Throws<ConstructInputException>(() => _ = new NfsWorkspaceVolume(stack, "A", ModelsVolume(preparation) with { PreparedBy = null }))!;
        Assert.That(unprepared.Problems, Is.EqualTo(new[]
        {
            "Directory was \"models\": needs PreparedBy: a WorkspacePreparation that creates it, or kubelet would mount a directory that may not exist (the pods would never start).",
        }));
        var other = Assert.Throws<ConstructInputException>(() => _ = new NfsWorkspaceVolume(stack, "B", ModelsVolume(preparation) with { Directory = "runs" }))!;
        Assert.That(other.Problems, Is.EqualTo(new[] { "Directory was \"runs\": must be one of the directories PreparedBy creates (models, datasets, checkpoints)." }));
    }

    [Test]
    public void Invalid_directories_owners_and_names_are_rejected()
    {
        var error = Assert.Throws<ConstructInputException>(() => _ = new WorkspacePreparation(SynthHarness.BareStack(), "Preparation", Preparation with
        {
            Name = "a-very-long-workspace-name-that-does-not-fit",
            Directories = ["models", "../etc", "Models", "models"],
            OwnerUserId = 0,
            Image = "busybox",
        }))!;
        Assert.That(error.ConstructPath, Is.EqualTo("test/Preparation"));
        Assert.That(error.Problems, Is.EquivalentTo(new[]
        {
            "Name was \"a-very-long-workspace-name-that-does-not-fit\": must be at most 40 characters: the Job is named {Name}-prepare-{8-character hash}.",
            "Image was \"busybox\": " + ImageMessage("busybox"),
            "Directories was \"../etc\": each directory must be one path segment of lowercase letters, digits, '-', '_' and '.', starting with a letter or digit (e.g. models).",
            "Directories was \"Models\": each directory must be one path segment of lowercase letters, digits, '-', '_' and '.', starting with a letter or digit (e.g. models).",
            "Directories was \"models, ../etc, Models, models\": must not name a directory twice.",
            "OwnerUserId was 0: must be between 1 and 2147483647 (never root: the workloads run as this uid).",
        }));
    }

    [Test]
    public void The_root_job_is_a_recorded_suppression_not_a_silent_exception()
    {
        var stack = new TerraformStack(SynthHarness.NewApp(), "test");
        new HashiCorp.Cdktf.Providers.Kubernetes.Provider.KubernetesProvider(stack, "kubernetes", new HashiCorp.Cdktf.Providers.Kubernetes.Provider.KubernetesProviderConfig { ConfigPath = "~/.kube/config" });
        _ = new WorkspacePreparation(stack, "Preparation", Preparation);
        var report = PolicyPack.Default.Evaluate(stack);
        Assert.That(report.Findings, Is.Empty);
        Assert.That(report.Suppressed.Select(s => (s.Finding.RuleId, s.Finding.ConstructPath)), Is.EqualTo(new[] { ("MLOPS-K8S-8", "test/Preparation/Job") }));
        Assert.That(report.Suppressed.Single().Suppression.Reason, Does.Contain("CHOWN"));
    }

    private static IReadOnlyList<string> DependsOn(JsonObject resource) =>
        resource["depends_on"]?.AsArray().Select(d => d!.GetValue<string>()).ToList() ?? [];

    private static string ImageMessage(string image)
    {
        var v = new InputValidator("x", "y");
        v.ValidatePinnedImage(image, "Image");
        return v.Problems.Single()["Image was \"busybox\": ".Length..];
    }

    private static (int ExitCode, string Output) Run(string script)
    {
        var start = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }
}
