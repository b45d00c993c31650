using MlopsCdktf.Core;
using MlopsCdktf.Kubernetes;
using MlopsCdktf.Tests.Support;
using static MlopsCdktf.Tests.Gcp.GcpTestData;
using static MlopsCdktf.Tests.Kubernetes.KubernetesTestData;

namespace MlopsCdktf.Tests.Kubernetes;

/// <summary>
/// The Kubernetes and IAM object rules the API servers apply, checked at synth from one home (<see cref="KubernetesNames"/>,
/// <see cref="KubernetesQuantity"/>): Service names, derived Google service-account ids, the default service account,
/// mount paths, ConfigMap size, taint effects, label keys, memory quantities and system namespaces.
/// </summary>
public sealed class KubernetesObjectRulesTests
{
    private static readonly WorkloadIdentityAccountProps Identity = new() { Name = "churn", Namespace = "ml-models", ProjectId = "acme-ml-test" };

    private static IEnumerable<string> GeneratedNames()
    {
        const string alphabet = "a0-Z_.";
        foreach (var first in alphabet)
        {
            foreach (var last in alphabet)
            {
                yield return $"{first}{last}";
                yield return $"{first}bc{last}";
            }
        }

        yield return new string('a', 63);
        yield return new string('a', 64);
        yield return "a";
        yield return "1";
        yield return "churn\n";
    }

    [Test]
    public void Service_names_are_dns_1035_labels_over_generated_names()
    {
        var wrong = new List<string>();
        foreach (var name in GeneratedNames())
        {
            var expected = name.Length <= 63 && char.IsAsciiLetterLower(name[0]) && (char.IsAsciiLetterLower(name[^1]) || char.IsAsciiDigit(name[^1]))
                           && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');
            if (KubernetesNames.IsDns1035Label(name) != expected)
            {
                wrong.Add(name);
            }

            var dns1123 = name.Length <= 63 && (char.IsAsciiLetterLower(name[0]) || char.IsAsciiDigit(name[0])) && (char.IsAsciiLetterLower(name[^1]) || char.IsAsciiDigit(name[^1]))
                          && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');
            if (KubernetesNames.IsDns1123Label(name) != dns1123)
            {
                wrong.Add("1123: " + name);
            }
        }

        Assert.That(wrong, Is.Empty);
    }

    [Test]
    public void A_serving_name_starting_with_a_digit_is_refused_as_a_service_name()
    {
        var error = Reject<ModelServingDeployment>(stack => _ = new ModelServingDeployment(stack, "Serving", Serving with { Name = "9churn" }));
        Assert.That(error.Problems, Is.EqualTo(new[]
        {
            $"Name was \"9churn\": {KubernetesNames.Dns1035LabelAllowed} (it is also the Service name).",
            "Name was \"9churn\": derives the Google service account id \"9churn\" ({Name}, cut to 30 characters, -wi appended below 6), which IAM refuses: an account id must be 6 to 30 lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen; use a name of at least 3 characters starting with a letter.",
        }));
    }

    [Test]
    public void Derived_google_account_ids_are_refused_below_6_characters_naming_the_name_the_user_set()
    {
        var error = Reject<ModelServingDeployment>(stack => _ = new ModelServingDeployment(stack, "Serving", Serving with { Name = "ab" }));
        Assert.That(error.Problems, Is.EqualTo(new[]
        {
            "Name was \"ab\": derives the Google service account id \"ab-wi\" ({Name}, cut to 30 characters, -wi appended below 6), which IAM refuses: an account id must be 6 to 30 lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen; use a name of at least 3 characters starting with a letter.",
        }));
        Assert.DoesNotThrow(() => _ = new ModelServingDeployment(SynthHarness.BareStack(), "Serving", Serving with { Name = "abc" }), "abc-wi: the shortest valid");
        var identity = Reject<WorkloadIdentityAccount>(stack => _ = new WorkloadIdentityAccount(stack, "Identity", Identity with { Name = "ab" }));
        Assert.That(identity.Problems.Single(), Does.StartWith("Name was \"ab\": derives the Google service account id \"ab-wi\"").And.EndWith(", or set GoogleServiceAccountId."));
        Assert.DoesNotThrow(() => _ = new WorkloadIdentityAccount(SynthHarness.BareStack(), "Identity", Identity with { Name = "ab", GoogleServiceAccountId = "ab-workload" }));
    }

    [Test]
    public void Generated_names_derive_account_ids_iam_accepts_or_are_refused()
    {
        var wrong = new List<string>();
        for (var length = 1; length <= 40; length++)
        {
            foreach (var name in new[] { new string('a', length), "1" + new string('a', length - 1), new string('a', Math.Max(0, length - 1)) + "-" + "b" })
            {
                if (!KubernetesNames.IsDns1123Label(name))
                {
                    continue;
                }

                var refused = false;
                try
                {
                    _ = new WorkloadIdentityAccount(SynthHarness.BareStack(), "Identity", Identity with { Name = name });
                }
                catch (ConstructInputException e) when (e.Problems.Any(p => p.Contains("derives the Google service account id", StringComparison.Ordinal)))
                {
                    refused = true;
                }

                // IAM: 6 to 30 characters, starting with a letter; the derivation pads names under 6 with "-wi" and cuts at 30.
                var derived = name.Length > 30 ? name[..30].TrimEnd('-') : name;
                derived = derived.Length < 6 ? derived + "-wi" : derived;
                var iamAccepts = derived.Length is >= 6 and <= 30 && char.IsAsciiLetterLower(derived[0]);
                if (refused == iamAccepts)
                {
                    wrong.Add($"{name} -> {derived}: refused {refused}");
                }
            }
        }

        Assert.That(wrong, Is.Empty);
    }

    [Test]
    public void Default_is_refused_as_a_service_account_name()
    {
        Assert.That(Reject<WorkloadIdentityAccount>(stack => _ = new WorkloadIdentityAccount(stack, "Identity", Identity with { Name = "default" })).Problems, Is.EqualTo(new[]
        {
            "Name was \"default\": must not be default: every namespace already has a default service account (the create fails), and binding it would give its Google identity to every pod of the namespace.",
        }));
        Assert.That(Reject<ModelServingDeployment>(stack => _ = new ModelServingDeployment(stack, "Serving", Serving with { Name = "default" })).Problems, Is.EqualTo(new[]
        {
            "Name was \"default\": must not be default: it names the pods' Kubernetes service account, and every namespace already has a default account (the create fails), which all its other pods use.",
        }));
    }

    [TestCase("/tmp", "its writable /tmp (an emptyDir: the root filesystem is read-only)")]
    [TestCase("/tmp/", "its writable /tmp (an emptyDir: the root filesystem is read-only)")]
    [TestCase("/etc/model-config", "the Settings ConfigMap")]
    [TestCase("/var/run/secrets/mlops/api-key", "the Secret api-key")]
    public void A_user_mount_at_a_path_the_serving_uses_is_refused(string path, string what)
    {
        var error = Reject<ModelServingDeployment>(stack => _ = new ModelServingDeployment(stack, "Serving", Serving with
        {
            Models = new ClaimMount { ClaimName = "models", MountPath = path, ReadOnly = true },
            Settings = new Dictionary<string, string> { ["MODEL_NAME"] = "churn" },
            SecretNames = ["api-key"],
        }));
        Assert.That(error.Problems, Is.EqualTo(new[]
        {
            $"Models.MountPath was \"{path}\": is where the workload already mounts {what}: two volumes cannot be mounted at one path (Kubernetes refuses the pod); choose another path.",
        }));
    }

    [Test]
    public void Two_job_mounts_at_one_path_and_a_mount_at_tmp_are_refused()
    {
        var error = Reject<BatchJob>(stack => _ = new BatchJob(stack, "Retrain", Retrain with
        {
            Mounts =
            [
                new ClaimMount { ClaimName = "a", MountPath = "/workspace/data" },
                new ClaimMount { ClaimName = "b", MountPath = "/workspace/data/" },
                new ClaimMount { ClaimName = "c", MountPath = "/tmp" },
            ],
        }));
        Assert.That(error.Problems, Is.EqualTo(new[]
        {
            "Mounts[2].MountPath was \"/tmp\": is where the workload already mounts its writable /tmp (an emptyDir: the root filesystem is read-only): two volumes cannot be mounted at one path (Kubernetes refuses the pod); choose another path.",
            "Mounts was \"/workspace/data, /workspace/data/, /tmp\": must not mount two claims at the same path.",
        }));
        Assert.DoesNotThrow(() => _ = new BatchJob(SynthHarness.BareStack(), "Retrain", Retrain with
        {
            Mounts = [new ClaimMount { ClaimName = "a", MountPath = "/tmp-data" }, new ClaimMount { ClaimName = "b", MountPath = "/workspace/data/more" }],
        }), "nested and prefix-sharing paths are distinct mount points");
    }

    [Test]
    public void Settings_up_to_1_mib_are_accepted_and_one_byte_more_is_refused()
    {
        const int mib = 1024 * 1024;
        var fits = new Dictionary<string, string> { ["a"] = new string('x', mib - 10), ["b"] = new string('y', 10) };
        Assert.DoesNotThrow(() => _ = new ModelServingDeployment(SynthHarness.BareStack(), "Serving", Serving with { Settings = fits }));
        var over = new Dictionary<string, string> { ["a"] = new string('x', mib - 10), ["b"] = new string('é', 6) };
        var error = Reject<ModelServingDeployment>(stack => _ = new ModelServingDeployment(stack, "Serving", Serving with { Settings = over }));
        Assert.That(error.Problems, Is.EqualTo(new[]
        {
            $"Settings was \"{mib + 2} bytes of values\": must hold at most {mib} bytes (1 MiB) of values in total: Kubernetes refuses a larger ConfigMap; put large files in the model registry or the workspace.",
        }), "é is 2 bytes in UTF-8: 6 of them are 12 bytes");
    }

    [TestCase("NO_SCHEDULE", "; NO_SCHEDULE is the GKE API's spelling of NoSchedule")]
    [TestCase("PREFER_NO_SCHEDULE", "; PREFER_NO_SCHEDULE is the GKE API's spelling of PreferNoSchedule")]
    [TestCase("noschedule", "; did you mean NoSchedule?")]
    [TestCase("Evict", "")]
    public void Toleration_effects_must_be_spelled_the_kubernetes_way(string effect, string hint)
    {
        var error = Reject<BatchJob>(stack => _ = new BatchJob(stack, "Retrain", Retrain with { Gpu = new GpuRequest { Pool = GpuPool with { TaintEffect = effect } } }));
        Assert.That(error.Problems, Is.EqualTo(new[]
        {
            $"Gpu.Pool.TaintEffect was \"{effect}\": must be one of NoSchedule, PreferNoSchedule, NoExecute (Kubernetes' spelling){hint}.",
        }));
        foreach (var spelled in KubernetesNames.TaintEffects)
        {
            Assert.DoesNotThrow(() => _ = new BatchJob(SynthHarness.BareStack(), "Retrain", Retrain with { Gpu = new GpuRequest { Pool = GpuPool with { TaintEffect = spelled } } }));
        }
    }

    [Test]
    public void Label_keys_with_spaces_or_other_invalid_characters_are_refused_over_generated_keys()
    {
        var wrong = new List<string>();
        foreach (var bad in new[] { " ", "\t", "\n", "$", "@", ":" })
        {
            foreach (var key in new[] { $"team{bad}name", $"{bad}team", $"team{bad}", $"acme.io/team{bad}x" })
            {
                if (KubernetesNames.IsLabelKey(key))
                {
                    wrong.Add(key);
                }
            }
        }

        foreach (var good in new[] { "team", "app.kubernetes.io/name", "a", "Team_Name.v1", "a-b", new string('k', 63), $"{new string('p', 253)}/k" })
        {
            if (!KubernetesNames.IsLabelKey(good))
            {
                wrong.Add("refused " + good);
            }
        }

        foreach (var tooLong in new[] { new string('k', 64), $"{new string('p', 254)}/k" })
        {
            if (KubernetesNames.IsLabelKey(tooLong))
            {
                wrong.Add($"accepted {tooLong.Length} characters");
            }
        }

        Assert.That(wrong, Is.Empty);
        var error = Reject<MlNamespace>(stack => _ = new MlNamespace(stack, "Namespace", Namespace with { Labels = new Dictionary<string, string> { ["cost center"] = "ml" } }));
        Assert.That(error.Problems, Is.EqualTo(new[] { $"Labels key was \"cost center\": {KubernetesNames.LabelKeyAllowed}." }));
    }

    [TestCase("256m")]
    [TestCase("1.5")]
    [TestCase("0.1Ki")]
    public void Memory_in_milli_or_fractional_bytes_is_refused(string memory)
    {
        var error = Reject<BatchJob>(stack => _ = new BatchJob(stack, "Retrain", Retrain with { Resources = Small with { MemoryRequest = memory } }));
        Assert.That(error.Problems, Is.EqualTo(new[] { $"Resources.MemoryRequest was \"{memory}\": {KubernetesQuantity.MemoryAllowed}." }));
        var quota = Reject<MlNamespace>(stack => _ = new MlNamespace(stack, "Namespace", Namespace with { Quota = Namespace.Quota with { LimitsMemory = memory } }));
        Assert.That(quota.Problems, Has.Member($"Quota.LimitsMemory was \"{memory}\": {KubernetesQuantity.MemoryAllowed}."));
    }

    [TestCase("256Mi")]
    [TestCase("1G")]
    [TestCase("1.5Gi")]
    [TestCase("1024")]
    [TestCase("0.5Mi")]
    public void Memory_in_whole_bytes_is_accepted(string memory) =>
        Assert.That(KubernetesQuantity.MemoryProblem(memory), Is.Null);

    [Test]
    public void Cpu_in_millicores_stays_accepted() =>
        Assert.DoesNotThrow(() => _ = new BatchJob(SynthHarness.BareStack(), "Retrain", Retrain with { Resources = Small with { CpuRequest = "256m" } }));

    [Test]
    public void System_namespaces_are_refused_for_every_workload_over_generated_names()
    {
        var wrong = new List<string>();
        foreach (var ns in new[] { "default", "kube-system", "kube-public", "kube-node-lease", "kube-anything", "gke-managed-system", "gke-gmp-system", "gmp-system", "gmp-public" })
        {
            foreach (var (type, declare) in Declarations(ns))
            {
                try
                {
                    declare(SynthHarness.BareStack());
                    wrong.Add($"{type} accepted {ns}");
                }
                catch (ConstructInputException e) when (e.Problems.Contains($"{(type == nameof(MlNamespace) ? "Name" : "Namespace")} was \"{ns}\": {KubernetesNames.SystemNamespaceAllowed}."))
                {
                }
            }
        }

        foreach (var ns in new[] { "ml-models", "kube", "kubeflow", "gke", "ml-kube-system", "default-ml" })
        {
            foreach (var (type, declare) in Declarations(ns))
            {
                try
                {
                    declare(SynthHarness.BareStack());
                }
                catch (ConstructInputException e)
                {
                    wrong.Add($"{type} refused {ns}: {e.Message}");
                }
            }
        }

        Assert.That(wrong, Is.Empty);
    }

    [TestCase("*.ml.example.com")]
    [TestCase("churn.ml.example.com")]
    public void Wildcard_and_plain_ingress_hosts_are_accepted(string host) =>
        Assert.DoesNotThrow(() => _ = new ModelServingDeployment(SynthHarness.BareStack(), "Serving", Serving with { Ingress = new ServingIngress { Host = host, TlsSecretName = "churn-tls" } }));

    [TestCase("*")]
    [TestCase("*.com.")]
    [TestCase("a.*.example.com")]
    [TestCase("**.example.com")]
    [TestCase("*example.com")]
    [TestCase("Churn.example.com")]
    public void Malformed_ingress_hosts_are_refused(string host) =>
        Assert.That(Reject<ModelServingDeployment>(stack => _ = new ModelServingDeployment(stack, "Serving", Serving with { Ingress = new ServingIngress { Host = host, TlsSecretName = "churn-tls" } })).Problems,
            Is.EqualTo(new[] { $"Ingress.Host was \"{host}\": must be a fully qualified lowercase DNS name such as churn.ml.example.com, or a wildcard over one (*.ml.example.com: '*' as the whole first label)." }));

    private static IEnumerable<(string Type, Action<HashiCorp.Cdktf.TerraformStack> Declare)> Declarations(string ns)
    {
        yield return (nameof(MlNamespace), stack => _ = new MlNamespace(stack, "Namespace", Namespace with { Name = ns }));
        yield return (nameof(ModelServingDeployment), stack => _ = new ModelServingDeployment(stack, "Serving", Serving with { Namespace = ns }));
        yield return (nameof(BatchJob), stack => _ = new BatchJob(stack, "Retrain", Retrain with { Namespace = ns }));
        yield return (nameof(WorkloadIdentityAccount), stack => _ = new WorkloadIdentityAccount(stack, "Identity", Identity with { Namespace = ns }));
        yield return (nameof(NfsWorkspaceVolume), stack => _ = new NfsWorkspaceVolume(stack, "Volume", new NfsWorkspaceVolumeProps
        {
            Name = "workspace", Namespace = ns, Server = "10.0.0.2", Path = "/workspace", CapacityGb = 1024,
        }));
    }
}
