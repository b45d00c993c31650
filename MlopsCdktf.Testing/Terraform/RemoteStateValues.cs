using System.Text.Json.Nodes;
using MlopsCdktf.Policy.Model;
using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Terraform;

/// <summary>
/// The outputs a stack would publish once applied, for the offline plan of a stack that reads them through
/// <c>terraform_remote_state</c>: each output's value is derived from what it references in the publishing stack's
/// JSON — the literal configured value where there is one (a bucket's name), else a well-formed stand-in for what AWS
/// computes (ARNs, repository URLs), so the reading stack's plan sees values of the right shape. <c>terraform test</c>
/// gets them as <c>override_data</c> (<see cref="AwsPlanChecks"/>); a saved plan reads them from a state file holding
/// them (<see cref="State"/>, written by <see cref="TerraformWorkspace.WriteRemoteStates"/>).
/// </summary>
internal static class RemoteStateValues
{
    /// <summary>Plan-time values of the outputs of local modules (<c>modules/</c>), by output name.</summary>
    private static readonly Dictionary<string, object> ModuleOutputs = new()
    {
        ["private_subnet_ids"] = new[] { "subnet-0123456789abcdef0", "subnet-0fedcba9876543210" },
        ["workload_security_group_id"] = "sg-0123456789abcdef0",
        ["vpc_id"] = "vpc-0123456789abcdef0",
        ["url"] = "mlops-research.notebook.eu-west-1.sagemaker.aws",
    };

    public static IReadOnlyDictionary<string, object> Outputs(TerraformJson publisher, AwsPlanContext context)
    {
        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (name, output) in publisher.Root["output"]?.AsObject() ?? [])
        {
            var value = output!["value"]!.GetValue<string>();
            if (!value.Contains("${", StringComparison.Ordinal))
            {
                values[name] = value; // a literal output (e.g. infra_version) reads back as itself
                continue;
            }

            var reference = TerraformReference.Parse(value)
                            ?? throw new InvalidOperationException($"output {name} is not a single reference; give its plan-time value by hand");
            var (data, type, resource, attribute) = (reference.Kind == ElementKind.DataSource, reference.Type, reference.Name, reference.Attribute);
            if (type == "module")
            {
                values[name] = ModuleOutputs.TryGetValue(attribute, out var moduleValue)
                    ? moduleValue
                    : throw new InvalidOperationException($"output {name} reads module output {attribute}: give its plan-time value in {nameof(ModuleOutputs)}");
                continue;
            }

            var block = data ? publisher.DataSources(type)[resource] : publisher.Resources(type)[resource];
            var literal = Text(block[attribute]) ?? (attribute is "id" or "bucket" or "name" ? Literal(block) : null);
            values[name] = attribute switch
            {
                _ when literal is not null && !literal.Contains("${", StringComparison.Ordinal) => literal,
                "arn" => $"arn:aws:{type.Split('_')[1]}:{context.Region}:{context.AccountId}:{type}/{resource}",
                "repository_url" => $"{context.AccountId}.dkr.ecr.{context.Region}.amazonaws.com/{Literal(block) ?? resource.ToLowerInvariant()}",
                "name" when type == "aws_region" => context.Region,
                _ => resource.ToLowerInvariant().Replace('_', '-'),
            };
        }

        return values;
    }

    /// <summary>
    /// A Terraform state (format 4) with <paramref name="outputs"/> and no resource: what <c>terraform_remote_state</c>
    /// reads from the publishing stack's backend once it was applied.
    /// </summary>
    public static JsonObject State(IReadOnlyDictionary<string, object> outputs)
    {
        var values = new JsonObject();
        foreach (var (name, value) in outputs.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            values[name] = value switch
            {
                string text => new JsonObject { ["value"] = text, ["type"] = "string" },
                IEnumerable<string> list => new JsonObject { ["value"] = new JsonArray([.. list.Select(v => JsonValue.Create(v))]), ["type"] = new JsonArray("list", "string") },
                bool flag => new JsonObject { ["value"] = flag, ["type"] = "bool" },
                _ => throw new ArgumentException($"output {name}: a {value.GetType().Name} has no state type here; give a string, a list of strings or a bool", nameof(outputs)),
            };
        }

        return new JsonObject
        {
            ["version"] = 4,
            ["terraform_version"] = "1.11.0",
            ["serial"] = 1,
            ["lineage"] = "00000000-0000-4000-8000-000000000001",
            ["outputs"] = values,
            ["resources"] = new JsonArray(),
        };
    }

    /// <summary>The literal name a block is configured with (<c>bucket</c> or <c>name</c>), when it is literal.</summary>
    private static string? Literal(JsonObject block) =>
        Text(block["bucket"] ?? block["name"]) is { } s && !s.Contains("${", StringComparison.Ordinal) ? s : null;

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
