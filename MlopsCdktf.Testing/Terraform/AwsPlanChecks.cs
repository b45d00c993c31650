using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MlopsCdktf.Policy.Model;
using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Terraform;

/// <summary>
/// Where an AWS stack is planned: the account data sources report, the tags the provider adds to everything, the outputs
/// of other stacks it reads (<c>terraform_remote_state</c> name → output name → value) and whether the model archive the
/// stack serves is published.
/// </summary>
internal sealed record AwsPlanContext(string AccountId, string Region, IReadOnlyDictionary<string, string> DefaultTags)
{
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, object>> RemoteStates { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, object>>();

    public bool ArchivePublished { get; init; } = true;
}

/// <summary>
/// Builds the offline plan test of an AWS stack: overrides for what would need AWS, plus the checks every AWS stack of
/// this library must pass whatever construct produced it — each endpoint variant serves the model declared beside it,
/// each endpoint uses the configuration declared beside it, every taggable resource carries the provider's default tags
/// in <c>tags_all</c>, and every bucket policy denies requests without TLS for that bucket and its objects.
/// </summary>
internal static partial class AwsPlanChecks
{
    /// <summary>Data sources the provider evaluates locally, from its own configuration (no AWS API call).</summary>
    private static readonly HashSet<string> LocalDataSources = ["aws_iam_policy_document", "aws_partition", "aws_region"];

    /// <summary>The digest ECR answers for the published image in an offline plan (<see cref="FakeAwsEndpoint"/> too).</summary>
    public static readonly string PublishedImageDigest = "sha256:" + new string('0', 63) + "1";

    /// <summary>Computed identifiers given plan-time values, so references between resources compare as known values.</summary>
    private static readonly string[] Identifiers = ["id", "arn", "name", "key_id"];

    public static PlanTestFile Build(TerraformJson json, ProviderSchema schema, AwsPlanContext context, IEnumerable<PlanAssertion> stackSpecific)
    {
        var file = new PlanTestFile();
        OverrideDataSources(json, context, file);
        OverrideComputedIdentifiers(json, schema, context, file);
        OverrideModuleIdentifiers(json, schema, context, file);
        return file
            .Assert(EndpointVariantsServeTheirModel(json))
            .Assert(EndpointsUseTheirConfiguration(json))
            .Assert(KeyAliasesNameTheirKey(json))
            .Assert(KeyPoliciesNameTheAccountRoot(json, context))
            .Assert(DefaultTagsReachEveryTaggableResource(json, schema, context))
            .Assert(BucketPoliciesDenyInsecureTransport(json))
            .Assert(CurrentObjectsStayInstantlyReadable(json))
            .Assert(stackSpecific);
    }

    /// <summary>The private subnets a deployed EKS cluster answers with (<c>data.aws_eks_cluster</c>).</summary>
    public static readonly string[] DeployedClusterSubnets = ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0aaaaaaaaaaaaaaa2"];

    private static void OverrideDataSources(TerraformJson json, AwsPlanContext context, PlanTestFile file)
    {
        foreach (var (module, type, name) in LocalModuleSources.DataSources(json).Where(d => !LocalDataSources.Contains(d.Type)))
        {
            file.OverrideData($"module.{module}.data.{type}.{name}", DataValues(type, name, new JsonObject(), context));
        }

        foreach (var (type, blocks) in Blocks(json, "data"))
        {
            if (LocalDataSources.Contains(type))
            {
                continue;
            }

            foreach (var (name, block) in blocks)
            {
                file.OverrideData($"data.{type}.{name}", DataValues(type, name, block, context));
            }
        }
    }

    /// <summary>What each data source that would call an API returns in the offline plan.</summary>
    private static Dictionary<string, object> DataValues(string type, string name, JsonObject block, AwsPlanContext context) => type switch
    {
        "aws_caller_identity" => new()
        {
            ["account_id"] = context.AccountId,
            ["id"] = context.AccountId,
            ["arn"] = $"arn:aws:sts::{context.AccountId}:assumed-role/terraform-test/plan",
            ["user_id"] = "AROAEXAMPLEPLANTEST:plan",
        },
        // The published image: ECR answers with its digest (an unpublished one fails the read with ImageNotFoundException).
        "aws_ecr_image" => new()
        {
            ["image_digest"] = PublishedImageDigest,
            ["id"] = PublishedImageDigest,
        },
        // The archive listing: the key itself when published, another version's archive only when not.
        "aws_s3_objects" => new()
        {
            ["keys"] = context.ArchivePublished
                ? new[] { block["prefix"]!.GetValue<string>() }
                : Array.Empty<string>(),
            ["id"] = "objects",
        },
        // A cluster another stack deployed (EksCluster.FromClusterName): its two private subnets and its API endpoint.
        "aws_eks_cluster" => new()
        {
            ["name"] = block["name"]!.GetValue<string>(),
            ["id"] = block["name"]!.GetValue<string>(),
            ["arn"] = $"arn:aws:eks:{context.Region}:{context.AccountId}:cluster/{block["name"]!.GetValue<string>()}",
            ["endpoint"] = "https://EXAMPLE0123456789.gr7.eu-west-1.eks.amazonaws.com",
            ["vpc_config"] = new[]
            {
                new Dictionary<string, object> { ["subnet_ids"] = DeployedClusterSubnets, ["cluster_security_group_id"] = "sg-0123456789abcdef0", ["vpc_id"] = "vpc-0123456789abcdef0" },
            },
        },
        // A key's alias: the key it points at.
        "aws_kms_alias" => new()
        {
            ["name"] = block["name"]!.GetValue<string>(),
            ["id"] = block["name"]!.GetValue<string>(),
            ["arn"] = $"arn:aws:kms:{context.Region}:{context.AccountId}:{block["name"]!.GetValue<string>()}",
            ["target_key_id"] = "0123abcd-4567-89ab-cdef-0123456789ab",
            ["target_key_arn"] = $"arn:aws:kms:{context.Region}:{context.AccountId}:key/0123abcd-4567-89ab-cdef-0123456789ab",
        },
        "terraform_remote_state" => new()
        {
            ["outputs"] = context.RemoteStates.TryGetValue(name, out var outputs)
                ? outputs.ToDictionary(kv => kv.Key, kv => kv.Value)
                : throw new InvalidOperationException($"data.terraform_remote_state.{name}: no outputs given in the plan context"),
        },
        _ => throw new InvalidOperationException(
            $"data.{type} calls an AWS API: give it plan-time values in {nameof(AwsPlanChecks)}.{nameof(DataValues)}"),
    };

    private static void OverrideComputedIdentifiers(TerraformJson json, ProviderSchema schema, AwsPlanContext context, PlanTestFile file)
    {
        foreach (var (type, blocks) in Blocks(json, "resource"))
        {
            if (!schema.HasResource(type))
            {
                throw new InvalidOperationException($"hashicorp/aws {TerraformInstallation.AwsProviderVersion} has no resource type {type}");
            }

            foreach (var (name, block) in blocks)
            {
                var slug = Slug(name);
                var values = new Dictionary<string, string>();
                foreach (var attribute in Identifiers.Where(a => schema.IsComputed(type, a) && block[a] is null))
                {
                    values[attribute] = attribute switch
                    {
                        // KMS key ARNs name the key as key/<id>; module inputs validate that form.
                        "arn" when type == "aws_kms_key" => $"arn:aws:kms:{context.Region}:{context.AccountId}:key/{slug}",
                        "arn" => $"arn:aws:{type.Split('_')[1]}:{context.Region}:{context.AccountId}:{slug}",
                        // Node groups validate launch template ids (lt-<alphanumerics>).
                        "id" when type == "aws_launch_template" => "lt-" + slug.Replace("-", string.Empty, StringComparison.Ordinal),
                        // A name Terraform generates from name_prefix: the prefix and 26 characters.
                        "name" when block["name_prefix"]?.GetValue<string>() is { } prefix => prefix + "20261122000000000000000001",
                        _ => slug,
                    };
                }

                if (ComputedNestedValues(type, slug) is { } nested)
                {
                    file.OverrideDuringPlan($"{type}.{name}", values.ToDictionary(kv => kv.Key, kv => (object)kv.Value).Concat(nested).ToDictionary());
                }
                else if (values.Count > 0)
                {
                    file.OverrideDuringPlan($"{type}.{name}", values);
                }
            }
        }
    }

    /// <summary>
    /// Computed nested attributes other resources read, given plan-time values: an EKS managed node group's Auto Scaling
    /// group (<c>resources[0].autoscaling_groups[0].name</c>, which the cluster autoscaler's policy and the node-template
    /// tags name), <c>eks-&lt;slug&gt;</c> like the name EKS gives it; an EKS cluster's certificate authority and identity, which
    /// the add-ons and workloads stacks read through the cluster stack's outputs.
    /// </summary>
    private static Dictionary<string, object>? ComputedNestedValues(string type, string slug) => type switch
    {
        "aws_eks_node_group" => new()
        {
            ["resources"] = new object[]
            {
                new Dictionary<string, object>
                {
                    ["autoscaling_groups"] = new object[] { new Dictionary<string, object> { ["name"] = $"eks-{slug}" } },
                    ["remote_access_security_group_id"] = string.Empty,
                },
            },
        },
        "aws_eks_cluster" => new()
        {
            ["certificate_authority"] = new object[] { new Dictionary<string, object> { ["data"] = "TFRTMFRMUzBDQS1QTEFOVEVTVA==" } },
            ["identity"] = new object[] { new Dictionary<string, object> { ["oidc"] = new object[] { new Dictionary<string, object> { ["issuer"] = $"https://oidc.eks.example/id/{slug}" } } } },
        },
        _ => null,
    };

    /// <summary>
    /// Resources inside the local modules: their computed <c>id</c> and <c>arn</c> get plan-time values too, so module
    /// outputs built from them (a flow log's destination, a policy naming a subnet) compare as known values.
    /// </summary>
    private static void OverrideModuleIdentifiers(TerraformJson json, ProviderSchema schema, AwsPlanContext context, PlanTestFile file)
    {
        foreach (var (module, type, name) in LocalModuleSources.Resources(json))
        {
            var slug = Slug(name);
            var values = new Dictionary<string, string>();
            foreach (var attribute in new[] { "id", "arn" }.Where(a => schema.IsComputed(type, a)))
            {
                values[attribute] = attribute == "id" ? slug : $"arn:aws:{type.Split('_')[1]}:{context.Region}:{context.AccountId}:{slug}";
            }

            if (values.Count > 0)
            {
                file.OverrideDuringPlan($"module.{module}.{type}.{name}", values);
            }
        }
    }

    /// <summary>Every key's policy is explicit and lets the deploying account's root administer the key (so IAM keeps it
    /// manageable), and no statement allows anyone (<c>*</c>) without a condition.</summary>
    private static IEnumerable<PlanAssertion> KeyPoliciesNameTheAccountRoot(TerraformJson json, AwsPlanContext context)
    {
        var root = Hcl.String($"arn:aws:iam::{context.AccountId}:root");
        foreach (var (key, _) in Named(json, "aws_kms_key"))
        {
            yield return new PlanAssertion(
                $"anytrue([for s in jsondecode({key}.policy).Statement : s.Effect == \"Allow\" && try(s.Principal.AWS, \"\") == {root} && try(s.Condition, null) == null && (contains(flatten([s.Action]), \"kms:PutKeyPolicy\") || contains(flatten([s.Action]), \"kms:Put*\"))])"
                + $" && alltrue([for s in jsondecode({key}.policy).Statement : !(s.Effect == \"Allow\" && try(s.Principal, \"\") == \"*\" && try(s.Condition, null) == null)])",
                $"{key} must have a key policy letting {root} administer it, and no unconditional statement for anyone");
        }
    }

    private static IEnumerable<PlanAssertion> EndpointVariantsServeTheirModel(TerraformJson json)
    {
        foreach (var (config, block) in Named(json, "aws_sagemaker_endpoint_configuration"))
        {
            var model = Sibling(json, block, "aws_sagemaker_model", config);
            yield return new PlanAssertion(
                Hcl.Every($"{config}.production_variants", "v", $"v.model_name == {model}.name"),
                $"every production variant of {config} must serve the model declared beside it ({model})");
        }
    }

    private static IEnumerable<PlanAssertion> EndpointsUseTheirConfiguration(TerraformJson json)
    {
        foreach (var (endpoint, block) in Named(json, "aws_sagemaker_endpoint"))
        {
            var config = Sibling(json, block, "aws_sagemaker_endpoint_configuration", endpoint);
            yield return new PlanAssertion($"{endpoint}.endpoint_config_name == {config}.name",
                $"{endpoint} must use the endpoint configuration declared beside it ({config})");
        }
    }

    private static IEnumerable<PlanAssertion> KeyAliasesNameTheirKey(TerraformJson json)
    {
        foreach (var (alias, block) in Named(json, "aws_kms_alias"))
        {
            var key = Sibling(json, block, "aws_kms_key", alias);
            yield return new PlanAssertion($"{alias}.target_key_id == {key}.key_id", $"{alias} must name the key declared beside it ({key})");
        }
    }

    private static IEnumerable<PlanAssertion> DefaultTagsReachEveryTaggableResource(TerraformJson json, ProviderSchema schema, AwsPlanContext context)
    {
        if (context.DefaultTags.Count == 0)
        {
            yield break;
        }

        var expected = Hcl.Object(context.DefaultTags);
        foreach (var (type, blocks) in Blocks(json, "resource").Where(t => schema.HasTagsAll(t.Type)))
        {
            foreach (var name in blocks.Keys)
            {
                yield return new PlanAssertion(
                    $"alltrue([for k, v in {expected} : lookup({type}.{name}.tags_all, k, null) == v])",
                    $"{type}.{name}.tags_all must carry the provider's default tags {expected}",
                    ComparesIdentifiers: false);
            }
        }
    }

    private static IEnumerable<PlanAssertion> BucketPoliciesDenyInsecureTransport(TerraformJson json)
    {
        foreach (var (policy, block) in Named(json, "aws_s3_bucket_policy"))
        {
            var bucket = ReferencedAddress(block["bucket"], "aws_s3_bucket")
                         ?? throw new AssertionException($"{policy}.bucket does not reference an aws_s3_bucket of this stack");
            var document = ReferencedAddress(block["policy"], "data.aws_iam_policy_document")
                           ?? throw new AssertionException($"{policy}.policy is not an aws_iam_policy_document of this stack");
            yield return new PlanAssertion($"{policy}.bucket == {bucket}.id", $"{policy} must apply to {bucket}");
            var denies = "s.effect == \"Deny\" && contains(s.actions, \"s3:*\")"
                         + " && anytrue([for p in s.principals : p.type == \"*\" && contains(p.identifiers, \"*\")])"
                         + " && anytrue([for c in s.condition : c.test == \"Bool\" && c.variable == \"aws:SecureTransport\" && contains(c.values, \"false\")])"
                         + $" && contains(s.resources, {bucket}.arn) && contains(s.resources, \"${{{bucket}.arn}}/*\")";
            yield return new PlanAssertion(Hcl.Any($"{document}.statement", "s", denies),
                $"the policy of {bucket} must deny s3:* to everyone without TLS (aws:SecureTransport = false), on the bucket and its objects");
        }
    }

    /// <summary>Lifecycle transitions of current objects go only to classes read without a restore (models are downloaded on
    /// every scale-out and rollback; a GLACIER or DEEP_ARCHIVE object fails with InvalidObjectState).</summary>
    private static IEnumerable<PlanAssertion> CurrentObjectsStayInstantlyReadable(TerraformJson json) =>
        Named(json, "aws_s3_bucket_lifecycle_configuration").Select(l => new PlanAssertion(
            $"alltrue([for r in {l.Address}.rule : alltrue([for t in r.transition : contains([\"STANDARD_IA\", \"ONEZONE_IA\", \"INTELLIGENT_TIERING\", \"GLACIER_IR\"], t.storage_class)])])",
            $"{l.Address} may move current objects only to instantly readable storage classes (STANDARD_IA, ONEZONE_IA, INTELLIGENT_TIERING, GLACIER_IR)",
            ComparesIdentifiers: false));

    /// <summary>The address of the one block of <paramref name="type"/> in the same construct as <paramref name="block"/>.</summary>
    private static string Sibling(TerraformJson json, JsonObject block, string type, string of)
    {
        var scope = Parent(TerraformJson.ConstructPath(block));
        var siblings = Named(json, type).Where(b => Parent(TerraformJson.ConstructPath(b.Block)) == scope).ToList();
        return siblings.Count == 1
            ? siblings[0].Address
            : throw new AssertionException($"{of}: expected one {type} in construct {scope}, found {siblings.Count}");
    }

    private static string? Parent(string? path) => path is null ? null : path[..Math.Max(0, path.LastIndexOf('/'))];

    /// <summary>The <c>type.name</c> a <c>${type.name.attr}</c> reference names, when it is of <paramref name="type"/>.</summary>
    private static string? ReferencedAddress(JsonNode? value, string type) =>
        TerraformReference.Parse(value?.GetValue<string>()) is { } reference && (reference.Kind == ElementKind.DataSource ? $"data.{reference.Type}" : reference.Type) == type
            ? $"{type}.{reference.Name}"
            : null;

    private static IEnumerable<(string Type, IReadOnlyDictionary<string, JsonObject> Blocks)> Blocks(TerraformJson json, string kind) =>
        (json.Root[kind]?.AsObject() ?? []).Select(t => (t.Key, (IReadOnlyDictionary<string, JsonObject>)(kind == "data" ? json.DataSources(t.Key) : json.Resources(t.Key))));

    private static IEnumerable<(string Address, JsonObject Block)> Named(TerraformJson json, string type) =>
        json.Resources(type).Select(kv => ($"{type}.{kv.Key}", kv.Value));

    /// <summary>A lowercase letters/digits/hyphens form of a Terraform name: valid wherever AWS names are checked.</summary>
    private static string Slug(string name)
    {
        var slug = NonAlphanumeric().Replace(name.ToLowerInvariant(), "-").Trim('-');
        return slug.Length <= 63 ? slug : slug[..63].TrimEnd('-');
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonAlphanumeric();
}
