using System.Text.Json.Nodes;

namespace MlopsCdktf.Policy.Model;

/// <summary>
/// Reads <c>terraform show -json &lt;plan&gt;</c> into the model the rules evaluate (<see cref="SynthesizedStack.FromPlan"/>):
/// <list type="bullet">
/// <item>elements: every resource of <c>planned_values</c> (root and child modules, with their instance keys) and every
/// data source, read during planning (<c>prior_state</c>) or deferred to apply (<c>planned_values</c>);</item>
/// <item>attributes: the planned value, except that an attribute written as one whole reference
/// (<c>${aws_s3_bucket.X.id}</c>, found in the plan's <c>configuration</c>) stays that reference, as rules match wiring on it,
/// and a value only known after apply stays as written; nulls and empty blocks the configuration does not set are left out,
/// as synthesized JSON leaves them out;</item>
/// <item>construct paths: from the <c>//</c> metadata of the stack's synthesized JSON (plan address <c>type.name</c> is the
/// JSON's key); a child module's resources take the path of the module block;</item>
/// <item>changes: <c>resource_changes</c> of managed resources, with their actions.</item>
/// </list>
/// </summary>
internal static class PlanReader
{
    public static (IReadOnlyList<TerraformElement> Elements, IReadOnlyList<PlannedChange> Changes) Read(string stackName, JsonObject plan, JsonObject? synthesizedJson)
    {
        var configuration = plan["configuration"]?["root_module"] as JsonObject;
        var byAddress = new Dictionary<string, TerraformElement>(StringComparer.Ordinal);
        var order = new List<string>();
        void Add(TerraformElement element)
        {
            if (!byAddress.ContainsKey(element.Address))
            {
                order.Add(element.Address);
            }

            byAddress[element.Address] = element;
        }

        foreach (var resource in ModuleResources(plan["prior_state"]?["values"]?["root_module"] as JsonObject).Where(r => Text(r, "mode") == "data"))
        {
            Add(Element(stackName, resource, resource["values"] as JsonObject, configuration, synthesizedJson));
        }

        foreach (var resource in ModuleResources(plan["planned_values"]?["root_module"] as JsonObject))
        {
            Add(Element(stackName, resource, resource["values"] as JsonObject, configuration, synthesizedJson));
        }

        var changes = new List<PlannedChange>();
        foreach (var change in (plan["resource_changes"] as JsonArray ?? []).OfType<JsonObject>().Where(c => Text(c, "mode") == "managed"))
        {
            var actions = JsonValues.Strings(change["change"]?["actions"]);
            var values = change["change"]?["after"] as JsonObject ?? change["change"]?["before"] as JsonObject;
            changes.Add(new PlannedChange(Element(stackName, change, values, configuration, synthesizedJson), actions));
        }

        return (order.Select(a => byAddress[a]).ToList(), changes);
    }

    /// <summary>The resources of a module of <c>planned_values</c> or <c>prior_state</c> and of its child modules, depth first.</summary>
    private static IEnumerable<JsonObject> ModuleResources(JsonObject? module)
    {
        if (module is null)
        {
            yield break;
        }

        foreach (var resource in (module["resources"] as JsonArray ?? []).OfType<JsonObject>())
        {
            yield return resource;
        }

        foreach (var child in (module["child_modules"] as JsonArray ?? []).OfType<JsonObject>())
        {
            foreach (var resource in ModuleResources(child))
            {
                yield return resource;
            }
        }
    }

    /// <summary>An element from a resource of <c>planned_values</c>/<c>prior_state</c> or an entry of <c>resource_changes</c>.</summary>
    private static TerraformElement Element(string stackName, JsonObject resource, JsonObject? values, JsonObject? configuration, JsonObject? synthesizedJson)
    {
        var kind = Text(resource, "mode") == "data" ? ElementKind.DataSource : ElementKind.Resource;
        var type = Text(resource, "type") ?? string.Empty;
        var name = Text(resource, "name") ?? string.Empty;
        var module = Text(resource, "module_address") ?? ModuleOf(Text(resource, "address"));
        var index = resource["index"] switch
        {
            JsonValue v when v.TryGetValue<string>(out var key) => $"[\"{key}\"]",
            JsonValue v => $"[{v.ToJsonString()}]",
            _ => string.Empty,
        };
        var expressions = ConfigurationOf(configuration, module, kind, type, name)?["expressions"] as JsonObject;
        string path;
        if (module is null)
        {
            path = SynthesizedStack.ConstructPathIn(synthesizedJson, kind == ElementKind.DataSource ? "data" : "resource", type, name) ?? $"{stackName}/{name}";
        }
        else
        {
            var call = module.Split('.')[1];
            path = SynthesizedStack.ConstructPathIn(synthesizedJson, "module", null, call) ?? $"{stackName}/{call}";
        }

        return new TerraformElement
        {
            Kind = kind,
            Type = type,
            Name = name + index,
            Module = module,
            ConstructPath = path,
            Attributes = Merge(values ?? [], expressions),
        };
    }

    /// <summary><c>module.a.module.b</c> of <c>module.a.module.b.aws_x.y[0]</c>; null for the root module.</summary>
    private static string? ModuleOf(string? address)
    {
        if (address is null || !address.StartsWith("module.", StringComparison.Ordinal))
        {
            return null;
        }

        var parts = address.Split('.');
        var length = 0;
        while (length + 1 < parts.Length && parts[length] == "module")
        {
            length += 2;
        }

        return string.Join('.', parts[..length]);
    }

    /// <summary>The configuration block of a resource (<c>configuration.root_module[.module_calls.X.module]*.resources[]</c>).</summary>
    private static JsonObject? ConfigurationOf(JsonObject? root, string? module, ElementKind kind, string type, string name)
    {
        var current = root;
        if (module is not null)
        {
            var parts = module.Split('.');
            for (var i = 1; i < parts.Length && current is not null; i += 2)
            {
                current = current["module_calls"]?[parts[i]]?["module"] as JsonObject;
            }
        }

        var mode = kind == ElementKind.DataSource ? "data" : "managed";
        return (current?["resources"] as JsonArray ?? []).OfType<JsonObject>()
            .FirstOrDefault(r => Text(r, "mode") == mode && Text(r, "type") == type && Text(r, "name") == name);
    }

    /// <summary>Planned values of a block merged with its configuration expressions (see the class summary).</summary>
    private static JsonObject Merge(JsonObject values, JsonObject? expressions)
    {
        var result = new JsonObject();
        foreach (var (key, value) in values)
        {
            var expression = expressions?[key];
            JsonNode? merged;
            if (IsLeaf(expression))
            {
                merged = expression!["constant_value"] is { } raw ? MergeRaw(value, raw) : value?.DeepClone();
            }
            else if (expression is JsonArray blocks && value is JsonArray items)
            {
                merged = new JsonArray(items.Select((item, i) => item is JsonObject block && i < blocks.Count && blocks[i] is JsonObject blockExpressions
                    ? Merge(block, blockExpressions)
                    : item?.DeepClone()).ToArray());
            }
            else
            {
                merged = value?.DeepClone();
            }

            // What the configuration does not set and Terraform plans as nothing: synthesized JSON does not have it either.
            if (expression is null && (merged is null || merged is JsonArray { Count: 0 }))
            {
                continue;
            }

            if (merged is not null)
            {
                result[key] = merged;
            }
        }

        // Values known only after apply are absent from the planned values: keep them as written.
        foreach (var (key, expression) in expressions ?? [])
        {
            if (!values.ContainsKey(key) && IsLeaf(expression) && expression!["constant_value"] is { } raw)
            {
                result[key] = raw.DeepClone();
            }
        }

        return result;
    }

    /// <summary>An attribute's expression (<c>constant_value</c> and/or <c>references</c>), not a nested block.</summary>
    private static bool IsLeaf(JsonNode? expression) =>
        expression is JsonObject obj && (obj.ContainsKey("constant_value") || obj["references"] is JsonArray);

    /// <summary>A planned value against the value as written: whole references and unknowns stay as written.</summary>
    private static JsonNode? MergeRaw(JsonNode? planned, JsonNode raw)
    {
        switch (raw)
        {
            case JsonValue when JsonValues.Text(raw) is { } text:
                return TerraformReference.Parse(text) is not null || planned is null ? raw.DeepClone() : planned.DeepClone();
            case JsonArray rawItems when planned is JsonArray items && items.Count == rawItems.Count:
                return new JsonArray(rawItems.Select((r, i) => r is null ? items[i]?.DeepClone() : MergeRaw(items[i], r)).ToArray());
            case JsonObject rawObject when planned is JsonObject plannedObject:
                var merged = new JsonObject();
                foreach (var (key, value) in plannedObject)
                {
                    merged[key] = rawObject[key] is { } r ? MergeRaw(value, r) : value?.DeepClone();
                }

                foreach (var (key, value) in rawObject)
                {
                    if (!plannedObject.ContainsKey(key))
                    {
                        merged[key] = value?.DeepClone();
                    }
                }

                return merged;
            default:
                return planned?.DeepClone() ?? raw.DeepClone();
        }
    }

    private static string? Text(JsonObject obj, string key) => JsonValues.Text(obj[key]);
}
