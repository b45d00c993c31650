using System.Globalization;
using System.Text.Json.Nodes;
using MlopsCdktf.Policy.Model;

namespace MlopsCdktf.Cost;

/// <summary>
/// Prices a synthesized stack (its <c>cdk.tf.json</c>) from the <see cref="PriceCatalogue"/>, offline and deterministically:
/// each resource at rest (minimum counts; scale-to-zero pools and idle-stopped notebooks at zero) and at peak (maximum
/// counts, always on), 730 hours a month. It reads the JSON Terraform gets, so it prices what any construct produced.
/// </summary>
public sealed class CostEstimator
{
    // Resource types with no charge of their own: configuration, identity, policy and objects that run on priced nodes.
    private static readonly string[] FreePrefixes =
    [
        "aws_iam_", "aws_s3_bucket_", "aws_appautoscaling_", "aws_kms_alias", "aws_sns_topic_subscription", "aws_ecr_lifecycle_policy",
        "aws_sagemaker_model", "aws_sagemaker_endpoint", "aws_secretsmanager_secret_version", "aws_vpc", "aws_subnet", "aws_route", "aws_security_group",
        "aws_sagemaker_notebook_instance_lifecycle_configuration", "google_project_iam", "google_project_service",
        "google_service_account", "google_storage_bucket_iam", "google_artifact_registry_repository_iam",
        "google_monitoring_dashboard", "google_monitoring_notification_channel", "kubernetes_", "terraform_data",
        // Helm releases run on nodes already priced; EKS add-ons, access entries and Pod Identity associations, launch
        // templates (the node group is priced), ASG tags and internet gateways cost nothing of their own.
        "helm_release", "aws_eks_addon", "aws_eks_access_", "aws_eks_pod_identity_association", "aws_launch_template",
        "aws_autoscaling_group_tag", "aws_internet_gateway", "aws_default_security_group",
    ];

    // Billed by use the JSON cannot know: listed with the reason, not forecast.
    private static readonly Dictionary<string, string> UsagePriced = new(StringComparer.Ordinal)
    {
        ["aws_cloudwatch_log_group"] = "billed per GB ingested and stored",
        ["aws_sns_topic"] = "billed per million publishes and deliveries",
        ["aws_flow_log"] = "billed per GB of logs delivered",
        ["aws_sagemaker_monitoring_schedule"] = "billed per processing-job hour of each scheduled run",
        ["aws_sagemaker_data_quality_job_definition"] = "billed with the monitoring schedule's processing-job hours",
    };

    private readonly PriceCatalogue _prices;
    private readonly CostAssumptions _assumptions;

    /// <summary>An estimator over <paramref name="prices"/> (default: the embedded catalogue) with <paramref name="assumptions"/>.</summary>
    public CostEstimator(PriceCatalogue? prices = null, CostAssumptions? assumptions = null)
    {
        _prices = prices ?? PriceCatalogue.Embedded;
        _assumptions = assumptions ?? CostAssumptions.Default;
    }

    /// <summary>The forecast of the stack <paramref name="stackName"/> whose Terraform JSON is <paramref name="terraformJson"/>.</summary>
    public StackCost Estimate(string stackName, JsonObject terraformJson)
    {
        ArgumentNullException.ThrowIfNull(terraformJson);
        var stack = SynthesizedStack.Parse(stackName, terraformJson);
        var context = new Context(stackName, stack, Region(terraformJson, "aws"), Region(terraformJson, "google"));
        var free = 0;
        foreach (var element in stack.Elements.Where(e => e.Kind == ElementKind.Resource))
        {
            if (Price(element, context))
            {
                continue;
            }

            if (IsFree(element.Type))
            {
                free++;
                continue;
            }

            context.Add(element, element.Type, UsagePriced.TryGetValue(element.Type, out var why)
                ? Usage(why)
                : Unpriced($"no price for resource type {element.Type} in {PriceCatalogue.RepositoryPath}"));
        }

        foreach (var (name, body) in terraformJson["module"] as JsonObject ?? [])
        {
            PriceModule(name, body as JsonObject ?? [], context);
        }

        // Ordered by construct path, never by where synthesis happened to write an element: the report is deterministic.
        // The sort is stable, so one construct's lines keep the estimator's order (machines, accelerators, disks).
        var lines = context.Lines.OrderBy(l => l.ConstructPath, StringComparer.Ordinal).ToList();
        var gpus = context.Gpus.OrderBy(g => g.ConstructPath, StringComparer.Ordinal).ToList();
        return new StackCost(stackName, lines, gpus, free);
    }

    // Checked after the priced types, so a priced type sharing a free prefix (aws_vpc_endpoint) is priced first.
    private static bool IsFree(string type) => FreePrefixes.Any(p => type.StartsWith(p, StringComparison.Ordinal));

    private bool Price(TerraformElement e, Context c)
    {
        switch (e.Type)
        {
            case "aws_sagemaker_endpoint_configuration":
                PriceEndpointConfiguration(e, c);
                return true;
            case "aws_sagemaker_notebook_instance":
                c.Add(e, $"notebook {Text(e["instance_type"])}", Hourly("sagemaker-notebook", c.AwsRegion, Text(e["instance_type"]), 1, 1));
                return true;
            case "aws_kms_key":
                c.Add(e, "customer-managed key", Monthly("aws-kms-key", c.AwsRegion, "key", 1));
                return true;
            case "aws_secretsmanager_secret":
                c.Add(e, "secret", Monthly("aws-secretsmanager-secret", c.AwsRegion, "secret", 1));
                return true;
            case "aws_cloudwatch_metric_alarm":
                c.Add(e, "metric alarm", Monthly("aws-cloudwatch-alarm", c.AwsRegion, "standard", 1));
                return true;
            case "aws_cloudwatch_dashboard":
                c.Add(e, "dashboard", Monthly("aws-cloudwatch-dashboard", c.AwsRegion, "dashboard", 1));
                return true;
            case "aws_s3_bucket":
                c.Add(e, $"bucket, {_assumptions.StoredGbPerBucket} GB assumed", Monthly("aws-s3", c.AwsRegion, "standard", _assumptions.StoredGbPerBucket));
                return true;
            case "aws_ecr_repository":
                c.Add(e, $"image repository, {_assumptions.StoredGbPerImageRepository} GB assumed",
                    Monthly("aws-ecr", c.AwsRegion, "storage", _assumptions.StoredGbPerImageRepository));
                return true;
            case "aws_nat_gateway":
                c.Add(e, "NAT gateway", Hourly("aws-nat-gateway", c.AwsRegion, "gateway", 1, 1));
                return true;
            case "aws_eks_cluster":
                c.Add(e, "EKS control plane", Hourly("aws-eks-cluster", c.AwsRegion, "standard-support", 1, 1));
                return true;
            case "aws_eks_node_group":
                PriceEksNodeGroup(e, c);
                return true;
            case "aws_vpc_endpoint" when Text(e["vpc_endpoint_type"]) == "Interface":
                var zones = Math.Max(1, JsonValues.Strings(e["subnet_ids"]).Count);
                c.Add(e, $"interface endpoint × {zones} AZ", Hourly("aws-vpc-interface-endpoint", c.AwsRegion, "endpoint-az", zones, zones));
                return true;
            case "google_container_cluster":
                c.Add(e, "GKE cluster management",
                    JsonValues.IsTrue(e["enable_autopilot"])
                        ? Unpriced("Autopilot bills per Pod resource request, which the catalogue does not price")
                        : Hourly("gke-cluster", c.GcpRegion, "management", 1, 1));
                return true;
            case "google_container_node_pool":
                PriceNodePool(e, c);
                return true;
            case "google_filestore_instance":
                var tier = Text(e["tier"]) ?? "";
                var capacity = Integer(e["file_shares.capacity_gb"]);
                c.Add(e, $"Filestore {tier} {capacity} GiB", Monthly("filestore", c.GcpRegion, tier, capacity));
                return true;
            case "google_storage_bucket":
                c.Add(e, $"bucket, {_assumptions.StoredGbPerBucket} GB assumed",
                    Monthly("gcs", c.GcpRegion, Text(e["storage_class"]) ?? "STANDARD", _assumptions.StoredGbPerBucket));
                return true;
            case "google_artifact_registry_repository":
                c.Add(e, $"image repository, {_assumptions.StoredGbPerImageRepository} GB assumed",
                    Monthly("artifact-registry", c.GcpRegion, "storage", _assumptions.StoredGbPerImageRepository));
                return true;
            case "google_monitoring_alert_policy":
                var conditions = Math.Max(1, JsonValues.Blocks(e.Attributes["conditions"]).Count());
                c.Add(e, $"alert policy, {conditions} condition(s)", Monthly("gcp-monitoring-alert", c.GcpRegion, "condition", conditions));
                return true;
            default:
                return false;
        }
    }

    private void PriceEndpointConfiguration(TerraformElement config, Context c)
    {
        foreach (var variant in JsonValues.Blocks(config.Attributes["production_variants"]).Concat(JsonValues.Blocks(config.Attributes["shadow_production_variants"])))
        {
            var name = Text(variant["variant_name"]) ?? "AllTraffic";
            if (variant["serverless_config"] is { } serverless)
            {
                var gb = Integer(JsonValues.At(serverless, "memory_size_in_mb")) / 1024m;
                var concurrency = Integer(JsonValues.At(serverless, "max_concurrency"));
                var provisioned = Integer(JsonValues.At(serverless, "provisioned_concurrency"));
                var seconds = PriceCatalogue.HoursPerMonth * 3600m;
                c.Add(config, $"variant {name}: serverless {gb.ToString("0.##", CultureInfo.InvariantCulture)} GB × {provisioned}–{concurrency} concurrent",
                    Scaled("sagemaker-serverless", c.AwsRegion, "gb-second", gb * seconds * provisioned, gb * seconds * concurrency, false,
                        $"{gb.ToString("0.##", CultureInfo.InvariantCulture)} GB × concurrency × {seconds:0} s"));
                continue;
            }

            var type = Text(variant["instance_type"]);
            var initial = Integer(variant["initial_instance_count"]);
            var (min, max) = ScalingBounds(config, name, c.Stack) ?? (initial, initial);
            c.Add(config, $"variant {name}: {type} × {Range(min, max)}", Hourly("sagemaker-hosting", c.AwsRegion, type, min, max));
        }
    }

    // The Application Auto Scaling target of the variant <name> of an endpoint served by <config>, if any.
    private static (int Min, int Max)? ScalingBounds(TerraformElement config, string variant, SynthesizedStack stack)
    {
        var endpoints = stack.Resources("aws_sagemaker_endpoint")
            .Where(ep => SynthesizedStack.Designates(ep["endpoint_config_name"], config, ["name", "id"]))
            .Select(ep => $"${{aws_sagemaker_endpoint.{ep.Name}.name}}")
            .ToHashSet(StringComparer.Ordinal);
        var target = stack.Resources("aws_appautoscaling_target").FirstOrDefault(t =>
            Text(t["resource_id"]) is { } id && id.EndsWith($"/variant/{variant}", StringComparison.Ordinal)
            && endpoints.Any(ep => id.Contains(ep, StringComparison.Ordinal)));
        return target is null ? null : (Integer(target["min_capacity"]), Integer(target["max_capacity"]));
    }

    private void PriceNodePool(TerraformElement pool, Context c)
    {
        var zones = JsonValues.Strings(pool.Attributes["node_locations"]);
        if (zones.Count == 0 && c.Stack.Resolve(Text(pool["cluster"])) is { } cluster)
        {
            zones = JsonValues.Strings(cluster.Attributes["node_locations"]);
        }

        var zoneCount = Math.Max(1, zones.Count);
        int min, max;
        if (pool.Attributes["autoscaling"] is { } scaling)
        {
            var total = JsonValues.At(scaling, "total_max_node_count") is not null;
            min = total ? Integer(JsonValues.At(scaling, "total_min_node_count")) : Integer(JsonValues.At(scaling, "min_node_count")) * zoneCount;
            max = total ? Integer(JsonValues.At(scaling, "total_max_node_count")) : Integer(JsonValues.At(scaling, "max_node_count")) * zoneCount;
        }
        else
        {
            min = max = Integer(pool["node_count"] ?? pool["initial_node_count"]) * zoneCount;
        }

        var machine = Text(pool["node_config.machine_type"]) ?? "e2-medium";
        var spot = JsonValues.IsTrue(pool["node_config.spot"]) || JsonValues.IsTrue(pool["node_config.preemptible"]);
        var capacity = spot ? "spot" : "on-demand";
        var nodes = Range(min, max);
        c.Add(pool, $"{nodes} × {machine} ({capacity})", Hourly("gce-machine", c.GcpRegion, machine, min, max, spot));
        var family = machine.Split('-')[0];
        foreach (var accelerator in JsonValues.Blocks(JsonValues.At(pool.Attributes, "node_config.guest_accelerator")))
        {
            var gpu = Text(accelerator["type"]) ?? "";
            var perNode = Integer(accelerator["count"]);
            c.Gpus.Add(new GpuDemand(c.StackName, pool.ConstructPath, gpu, c.GcpRegion ?? "", zones, perNode * max, spot));
            if (!_prices.GpusIncludedFamilies.Contains(family))
            {
                c.Add(pool, $"{nodes} × {perNode} {gpu} ({capacity})", Hourly("gce-gpu", c.GcpRegion, gpu, min * perNode, max * perNode, spot));
            }
        }

        var disk = Text(pool["node_config.disk_type"]) ?? "pd-balanced";
        var diskGb = pool["node_config.disk_size_gb"] is null ? 100 : Integer(pool["node_config.disk_size_gb"]);
        c.Add(pool, $"{nodes} × {diskGb} GB {disk} boot disk",
            Scaled("gce-disk", c.GcpRegion, disk, diskGb * min, diskGb * max, false, $"{diskGb} GB × nodes"));
    }

    /// <summary>
    /// An EKS managed node group at rest (<c>min_size</c> nodes: 0 for a GPU group scaling from zero) and at peak
    /// (<c>max_size</c>), of its first instance type, on demand or spot, plus its root volumes (gp3, the size its launch
    /// template gives, else EKS's 20 GB).
    /// </summary>
    private void PriceEksNodeGroup(TerraformElement group, Context c)
    {
        var min = Integer(group["scaling_config.min_size"]);
        var max = Integer(group["scaling_config.max_size"]);
        var type = JsonValues.Strings(group.Attributes["instance_types"]).FirstOrDefault() ?? "t3.medium";
        var spot = Text(group["capacity_type"]) == "SPOT";
        var nodes = Range(min, max);
        c.Add(group, $"{nodes} × {type} ({(spot ? "spot" : "on-demand")})", Hourly("aws-ec2-instance", c.AwsRegion, type, min, max, spot));
        var template = c.Stack.Resolve(Text(group["launch_template.id"]));
        var diskGb = template is not null && template["block_device_mappings.ebs.volume_size"] is { } size ? Integer(size) : Integer(group["disk_size"]);
        diskGb = diskGb == 0 ? 20 : diskGb;
        c.Add(group, $"{nodes} × {diskGb} GB gp3 root volume", Scaled("aws-ebs", c.AwsRegion, "gp3", diskGb * min, diskGb * max, false, $"{diskGb} GB × nodes"));
    }

    private void PriceModule(string name, JsonObject module, Context c)
    {
        var source = Text(module["source"]) ?? "";
        var path = Text(JsonValues.At(module, "//.metadata.path")) ?? $"{c.StackName}/{name}";
        if (source.Contains("sagemaker-notebook", StringComparison.Ordinal))
        {
            var type = Text(module["instance_type"]);
            var idle = module["idle_minutes"] is null ? 0 : Integer(module["idle_minutes"]);
            c.Add(path, "module", $"notebook {type}" + (idle > 0 ? $", stops after {idle} idle min" : ""),
                Hourly("sagemaker-notebook", c.AwsRegion, type, idle > 0 ? 0 : 1, 1));
        }
        else if (source.Contains("aws-network", StringComparison.Ordinal))
        {
            var services = JsonValues.Strings(module["interface_endpoint_services"]).Count;
            var zones = JsonValues.Strings(module["availability_zones"]).Count;
            if (services * zones > 0)
            {
                c.Add(path, "module", $"{services} interface endpoint(s) × {zones} AZ",
                    Hourly("aws-vpc-interface-endpoint", c.AwsRegion, "endpoint-az", services * zones, services * zones));
            }
        }
        else
        {
            c.Add(path, "module", $"module {source}", Unpriced("a module the forecast does not know: its resources are not priced"));
        }
    }

    private Pricing Hourly(string kind, string? region, string? key, int atRest, int atPeak, bool spot = false) =>
        Scaled(kind, region, key, atRest * PriceCatalogue.HoursPerMonth, atPeak * PriceCatalogue.HoursPerMonth, spot, $"{Range(atRest, atPeak)} × 730 h");

    private Pricing Monthly(string kind, string? region, string? key, decimal quantity) =>
        Scaled(kind, region, key, quantity, quantity, false, quantity == 1 ? "1 × month" : $"{quantity.ToString(CultureInfo.InvariantCulture)} × month");

    private Pricing Scaled(string kind, string? region, string? key, decimal atRest, decimal atPeak, bool spot, string quantity)
    {
        if (key is null || _prices.Find(kind, region, key) is not { } price)
        {
            return Unpriced($"no {kind} price for {key ?? "(unknown)"} in {region ?? "(no region)"} in {PriceCatalogue.RepositoryPath}");
        }

        if (spot && price.Spot is null)
        {
            return Unpriced($"no spot {kind} price for {key} in {price.Region} in {PriceCatalogue.RepositoryPath}");
        }

        var unit = spot ? price.Spot!.Value : price.OnDemand;
        return new Pricing(CostStatus.Priced, Math.Round(atRest * unit, 2), Math.Round(atPeak * unit, 2),
            $"{quantity} × ${unit.ToString(CultureInfo.InvariantCulture)}/{price.Unit}{(spot ? " spot" : "")} ({price.Source})");
    }

    private static Pricing Unpriced(string why) => new(CostStatus.Unpriced, null, null, why);

    private static Pricing Usage(string why) => new(CostStatus.UsagePriced, null, null, why);

    private static string Range(int min, int max) => min == max ? min.ToString(CultureInfo.InvariantCulture) : $"{min}–{max}";

    private static string? Region(JsonObject json, string provider) =>
        JsonValues.Text(JsonValues.At(json, $"provider.{provider}.region"));

    private static string? Text(JsonNode? node) => JsonValues.Text(node);

    private static int Integer(JsonNode? node) => node is JsonValue v
        ? v.TryGetValue<int>(out var i) ? i
        : v.TryGetValue<double>(out var d) ? (int)d
        : v.TryGetValue<string>(out var s) && int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) ? p : 0
        : 0;

    private readonly record struct Pricing(CostStatus Status, decimal? AtRest, decimal? Peak, string Basis);

    private sealed class Context(string stackName, SynthesizedStack stack, string? awsRegion, string? gcpRegion)
    {
        public string StackName { get; } = stackName;

        public SynthesizedStack Stack { get; } = stack;

        public string? AwsRegion { get; } = awsRegion;

        public string? GcpRegion { get; } = gcpRegion;

        public List<CostLine> Lines { get; } = [];

        public List<GpuDemand> Gpus { get; } = [];

        public void Add(TerraformElement element, string item, Pricing pricing) => Add(element.ConstructPath, element.Type, item, pricing);

        public void Add(string path, string type, string item, Pricing pricing) => Lines.Add(new CostLine
        {
            Stack = StackName,
            ConstructPath = path,
            ResourceType = type,
            Item = item,
            Status = pricing.Status,
            AtRest = pricing.AtRest,
            Peak = pricing.Peak,
            Basis = pricing.Basis,
        });
    }
}
