using MlopsCdktf.Core;
using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Validation;

/// <summary>
/// A generated probe of bad inputs over every construct's props (each string, number and list member of the valid sample
/// replaced in turn by an edge value): the library either accepts the input or rejects it with its own clear error naming
/// the construct path and the member — never a crash, a raw jsii message or token internals. Names (members ending in
/// <c>Name</c>) must never accept an empty or blank value.
/// </summary>
[Category("Sweep")]
public sealed class BadInputProbeTests
{
    private static readonly string[] Strings = ["", " ", "UPPER_case!", new string('a', 300), "with space", "ümlaut", "-leading-hyphen", "a/b\\c", "\n"];
    private static readonly object[] Integers = [-1, 0, int.MaxValue, int.MinValue];
    private static readonly object[] Doubles = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, -1.0, 0.0, 1e308];

    /// <summary>Every probe row: construct, member, edge value.</summary>
    public static IEnumerable<(Type Construct, string Property, object Value)> Probes() =>
        ValidSamples.ByConstruct.Keys.SelectMany(construct => PropsType(construct).GetProperties()
            .Where(p => p.SetMethod is not null)
            .SelectMany(p => EdgeValues(p.PropertyType).Select(value => (construct, p.Name, value))));

    public static IEnumerable<TestCaseData> Constructs() =>
        ValidSamples.ByConstruct.Keys.Select(construct => new TestCaseData(construct).SetArgDisplayNames(construct.Name));

    [Test]
    public void The_probe_covers_at_least_150_bad_inputs() => Assert.That(Probes().Count(), Is.GreaterThanOrEqualTo(150));

    /// <summary>One test per construct; every row is probed and every failing row is reported at once.</summary>
    [TestCaseSource(nameof(Constructs))]
    public void Bad_inputs_are_accepted_or_rejected_clearly_never_a_crash(Type construct)
    {
        var rows = Probes().Where(row => row.Construct == construct).ToList();
        var failures = rows
            .Select(row => (row, failure: Probe(construct, row.Property, row.Value)))
            .Where(r => r.failure is not null)
            .Select(r => $"{r.row.Property} = {Display(r.row.Value)}: {r.failure}")
            .ToList();

        Assert.That(rows, Is.Not.Empty, "a construct with a valid sample has members to probe");
        Assert.That(failures, Is.Empty, $"{failures.Count} of {rows.Count} bad inputs to {construct.Name} were not handled clearly:\n" + string.Join("\n", failures));
    }

    /// <summary>Null when <paramref name="value"/> is accepted (and synthesizes) or rejected clearly; else what went wrong.</summary>
    private static string? Probe(Type construct, string property, object value)
    {
        var stack = SynthHarness.StackWithEveryProvider();
        var props = ValidSamples.ByConstruct[construct](stack);
        var clone = props.GetType().GetMethod("<Clone>$")!.Invoke(props, null)!;
        props.GetType().GetProperty(property)!.SetValue(clone, value);

        try
        {
            ValidSamples.Create(construct, stack, clone);
            // Resolving the stack (every token, every lazy value) is where an accepted bad input would crash; the
            // snapshot and Terraform tests cover writing it out.
            if (stack.ToTerraform() is null)
            {
                return "accepted but did not resolve";
            }

            return property.EndsWith("Name", StringComparison.Ordinal) && value is string s && string.IsNullOrWhiteSpace(s)
                ? "a blank name was accepted"
                : null;
        }
        catch (ConstructInputException e)
        {
            return !e.Message.StartsWith($"Invalid {construct.Name} at path [test/Subject]:", StringComparison.Ordinal) ? $"the error does not start with the construct and path: {e.Message}"
                : !e.Problems.Any(p => p.Contains(property, StringComparison.Ordinal)) ? $"the error does not name the member: {e.Message}"
                : e.Message.Contains("TfToken", StringComparison.Ordinal) || e.Message.Contains("jsii", StringComparison.Ordinal) ? $"the error shows token or jsii internals: {e.Message}"
                : null;
        }
        catch (Exception e) when (e is not AssertionException)
        {
            return $"crashed with {e.GetType().Name}: {e.Message}";
        }
    }

    private static string Display(object value) => value switch
    {
        string { Length: > 20 } s => $"\"{s[..8]}…\" ({s.Length} characters)",
        string s => $"\"{s.ReplaceLineEndings("\\n")}\"",
        System.Collections.ICollection c => $"{value.GetType().Name} of {c.Count}",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "null",
    };

    private static IEnumerable<object> EdgeValues(Type type) =>
        type == typeof(string) ? Strings
        : type == typeof(int) || type == typeof(int?) ? Integers
        : type == typeof(double) || type == typeof(double?) ? Doubles
        : type == typeof(IReadOnlyList<string>) ? [new List<string> { "" }, new List<string> { new string('x', 300) }]
        : type == typeof(IReadOnlyDictionary<string, string>) ? [new Dictionary<string, string> { [""] = "v" }, Enumerable.Range(0, 60).ToDictionary(i => $"k{i}", i => "v")]
        : type == typeof(IReadOnlyList<MlopsCdktf.Core.Scheduling.GpuNodeSelector>) ?
        [
            new List<MlopsCdktf.Core.Scheduling.GpuNodeSelector>(),
            new List<MlopsCdktf.Core.Scheduling.GpuNodeSelector> { new() { TaintKey = "", TaintValue = " ", TaintEffect = "no_schedule", NodeLabelKey = "with space", NodeLabelValue = new string('x', 300), GpusPerNode = 0 } },
        ]
        : [];

    private static Type PropsType(Type construct) =>
        construct.GetConstructors().Single(c => c.GetParameters().Length == 3).GetParameters()[2].ParameterType;
}

/// <summary>Inputs the cloud would reject that shape checks alone used to accept: each is refused at synth time, named.</summary>
public sealed class CloudRejectsTests
{
    public static IEnumerable<TestCaseData> Cases()
    {
        TestCaseData Case(string name, Type construct, Func<object, object> change, string problemStart) =>
            new TestCaseData(construct, change, problemStart).SetArgDisplayNames(name);

        yield return Case("SageMaker size that does not exist", typeof(MlopsCdktf.Aws.SageMakerEndpoint),
            p => (MlopsCdktf.Aws.SageMakerEndpointProps)p with { Variants = [new MlopsCdktf.Aws.InstanceVariant { InstanceType = MlopsCdktf.Aws.SageMakerInstanceType.Of("ml.m5.superlarge") }] },
            "Variants[\"AllTraffic\"].InstanceType was \"ml.m5.superlarge\": is not a size of ml.m5");
        yield return Case("SageMaker family that does not exist", typeof(MlopsCdktf.Aws.SageMakerEndpoint),
            p => (MlopsCdktf.Aws.SageMakerEndpointProps)p with { Variants = [new MlopsCdktf.Aws.InstanceVariant { InstanceType = MlopsCdktf.Aws.SageMakerInstanceType.Of("ml.z9.large") }] },
            "Variants[\"AllTraffic\"].InstanceType was \"ml.z9.large\": is not a SageMaker hosting instance family");
        yield return Case("uppercase machine type", typeof(MlopsCdktf.Gcp.CpuNodePool),
            p => (MlopsCdktf.Gcp.CpuNodePoolProps)p with { MachineType = "N2-HIGHMEM-8" }, "MachineType was \"N2-HIGHMEM-8\"");
        yield return Case("60 AWS tags", typeof(MlopsCdktf.Aws.ModelArtifactBucket),
            p => (MlopsCdktf.Aws.ModelArtifactBucketProps)p with { Tags = Enumerable.Range(0, 60).ToDictionary(i => $"k{i}", _ => "v") },
            "Tags was \"60 tags\": may hold at most 50 tags");
        yield return Case("NaN requests per second", typeof(MlopsCdktf.Aws.SageMakerEndpoint),
            p => (MlopsCdktf.Aws.SageMakerEndpointProps)p with
            {
                Variants = [new MlopsCdktf.Aws.InstanceVariant { InstanceType = MlopsCdktf.Aws.SageMakerInstanceType.M5Large, Autoscaling = new MlopsCdktf.Aws.EndpointAutoscaling { MinInstances = 1, MaxInstances = 2, MaxRequestsPerSecondPerInstance = double.NaN } }],
            },
            "Variants[0].Autoscaling.MaxRequestsPerSecondPerInstance was NaN: must be a finite number");
        yield return Case("uppercase network", typeof(MlopsCdktf.Gcp.MlCluster),
            p => (MlopsCdktf.Gcp.MlClusterProps)p with { Network = "ML_VPC" }, "Network was \"ML_VPC\"");
        yield return Case("registry location that does not exist", typeof(MlopsCdktf.Gcp.ModelRegistryBucket),
            p => (MlopsCdktf.Gcp.ModelRegistryBucketProps)p with { Location = "europe-west99" }, "Location was \"europe-west99\": must be a Cloud Storage location");
        yield return Case("registry bucket that is not a GCS name", typeof(MlopsCdktf.Kubernetes.ModelServingDeployment),
            p => (MlopsCdktf.Kubernetes.ModelServingDeploymentProps)p with { ModelRegistryBucket = "Acme Registry" }, "ModelRegistryBucket was \"Acme Registry\"");
        yield return Case("workload bucket that is not a GCS name", typeof(MlopsCdktf.Kubernetes.WorkloadIdentityAccount),
            p => (MlopsCdktf.Kubernetes.WorkloadIdentityAccountProps)p with { WriteBuckets = [new string('a', 300)] }, "WriteBuckets was");
        yield return Case("time zone that does not exist", typeof(MlopsCdktf.Kubernetes.BatchJob),
            p => (MlopsCdktf.Kubernetes.BatchJobProps)p with { TimeZone = "Europe/Atlantis" }, "TimeZone was \"Europe/Atlantis\"");
        yield return Case("NFS server with a non-ASCII name", typeof(MlopsCdktf.Kubernetes.NfsWorkspaceVolume),
            p => (MlopsCdktf.Kubernetes.NfsWorkspaceVolumeProps)p with { Server = "nfs-ümlaut" }, "Server was \"nfs-ümlaut\"");
        yield return Case("NFS server with a space", typeof(MlopsCdktf.Kubernetes.NfsWorkspaceVolume),
            p => (MlopsCdktf.Kubernetes.NfsWorkspaceVolumeProps)p with { Server = "10.0.0.2 " }, "Server was \"10.0.0.2 \"");
    }

    [TestCaseSource(nameof(Cases))]
    public void Is_rejected_naming_the_member(Type construct, Func<object, object> change, string problemStart)
    {
        var stack = SynthHarness.StackWithEveryProvider();
        var props = change(ValidSamples.ByConstruct[construct](stack));
        var error = Assert.Throws<ConstructInputException>(() => ValidSamples.Create(construct, stack, props))!;
        Assert.That(error.Problems, Has.Some.StartWith(problemStart));
    }

    [Test]
    public void A_reference_is_accepted_where_a_value_is_and_never_printed_as_token_internals()
    {
        var stack = SynthHarness.StackWithEveryProvider();
        var name = new HashiCorp.Cdktf.TerraformVariable(stack, "bucket_name", new HashiCorp.Cdktf.TerraformVariableConfig { Type = "string" });
        Assert.DoesNotThrow(() => _ = new MlopsCdktf.Aws.ModelArtifactBucket(stack, "Referenced", new MlopsCdktf.Aws.ModelArtifactBucketProps { BucketName = name.StringValue }));

        var error = Assert.Throws<ConstructInputException>(() => _ = new MlopsCdktf.Aws.ModelArtifactBucket(stack, "Broken", new MlopsCdktf.Aws.ModelArtifactBucketProps
        {
            BucketName = "acme-ml-artifacts",
            AccessLogs = new MlopsCdktf.Aws.AccessLogTarget { BucketName = name.StringValue, Prefix = "no-slash" },
        }))!;
        Assert.That(error.Message, Does.Not.Contain("TfToken"));
    }
}

/// <summary>Addresses and derived names: canonical IPv4 CIDRs only, limits, and no token text in generated names.</summary>
public sealed class NetworkAndNameRulesTests
{
    [TestCase("10.0.0.1/8", "10.0.0.0/8")]
    [TestCase("192.168.1.7/24", "192.168.1.0/24")]
    public void A_cidr_with_host_bits_is_rejected_with_the_network_it_meant(string cidr, string meant)
    {
        var error = Assert.Throws<ConstructInputException>(() => _ = new MlopsCdktf.Gcp.MlCluster(SynthHarness.BareStack(), "Cluster",
            MlopsCdktf.Tests.Gcp.GcpTestData.ClusterProps with { MasterAuthorizedNetworks = [cidr] }))!;
        Assert.That(error.Problems, Has.Some.EqualTo(
            $"MasterAuthorizedNetworks was \"{cidr}\": must be an IPv4 CIDR block such as 10.8.0.0/14, with no address bits beyond the prefix (did you mean {meant}?)."));
    }

    [Test]
    public void Ipv6_and_more_than_100_authorised_networks_are_rejected()
    {
        var error = Assert.Throws<ConstructInputException>(() => _ = new MlopsCdktf.Gcp.MlCluster(SynthHarness.BareStack(), "Cluster",
            MlopsCdktf.Tests.Gcp.GcpTestData.ClusterProps with { MasterAuthorizedNetworks = ["fd00::/8", .. Enumerable.Range(0, 100).Select(i => $"10.{i}.0.0/16")] }))!;
        Assert.That(error.Problems, Has.Some.StartWith("MasterAuthorizedNetworks was \"fd00::/8\": must be an IPv4 CIDR block"));
        Assert.That(error.Problems, Has.Some.EqualTo("MasterAuthorizedNetworks was \"101 ranges\": may list at most 100 ranges (GKE's limit for authorized networks)."));
    }

    [Test]
    public void Taint_values_and_effects_follow_kubernetes_rules()
    {
        var error = Assert.Throws<ConstructInputException>(() => _ = new MlopsCdktf.Gcp.CpuNodePool(SynthHarness.BareStack(), "Pool",
            MlopsCdktf.Tests.Gcp.GcpTestData.CpuPool with { Taints = [new MlopsCdktf.Core.Scheduling.NodeTaint("team", "ml platform!", (MlopsCdktf.Core.Scheduling.TaintEffect)42)] }))!;
        Assert.That(error.Problems, Has.Some.StartWith("Taints[\"team\"].Value was \"ml platform!\": must be a Kubernetes label value"));
        Assert.That(error.Problems, Has.Some.StartWith("Taints[\"team\"].Effect was 42: must be one of"));
    }

    [Test]
    public void Kms_aliases_never_carry_token_text_and_stay_within_256_characters()
    {
        var stack = SynthHarness.StackWithEveryProvider();
        var name = new HashiCorp.Cdktf.TerraformVariable(stack, "repo", new HashiCorp.Cdktf.TerraformVariableConfig { Type = "string" });
        _ = new MlopsCdktf.Aws.ModelImageRepository(stack, "Referenced", new MlopsCdktf.Aws.ModelImageRepositoryProps { RepositoryName = name.StringValue });
        var longName = string.Join("/", Enumerable.Repeat("team-models-serving", 16));
        _ = new MlopsCdktf.Aws.ModelApiKey(stack, "Long", new MlopsCdktf.Aws.ModelApiKeyProps { SecretName = longName });

        var aliases = SynthHarness.Synth(stack).Resources("aws_kms_alias").Values.Select(a => a["name"]!.GetValue<string>()).ToList();

        Assert.That(aliases, Has.Count.EqualTo(2));
        Assert.That(aliases, Has.None.Contains("Token").And.None.Contains("${"));
        Assert.That(aliases, Has.Some.EqualTo("alias/test/Referenced"));
        Assert.That(aliases, Has.All.Length.LessThanOrEqualTo(256));
    }
}
