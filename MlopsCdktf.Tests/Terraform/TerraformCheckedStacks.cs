using MlopsCdktf.Core;
using MlopsCdktf.Environments;
using MlopsCdktf.Stacks;
using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Terraform;

/// <summary>
/// Every AWS stack the app synthesizes, checked by the real terraform (construct test stacks: MlopsCdktf.Library.Tests).
/// </summary>
internal sealed class TerraformCheckedStacks : ICheckedStackSet
{
    public static IReadOnlyList<CheckedStack> All { get; } = [.. PlatformStacks(), .. ServingStacks(), .. EksClusterStacks(), .. EksTrainingRunStacks(), StateBootstrap(Catalog.Dev)];

    /// <summary>The run every environment with EKS runs is checked with (<c>make train ENV=&lt;env&gt; RUN=check CLOUD=eks</c>).</summary>
    public const string CheckedRun = "check";

    /// <summary>
    /// The capacity stack of an EKS training run, planned alone as <c>make train</c> applies it to a deployed cluster (read
    /// by name: no other stack's state): one on-demand node of the run's instance type, in the cluster's subnets, its root
    /// volume encrypted with the cluster's secrets key (found through its alias), IMDSv2 with hop limit 1, tainted for GPUs,
    /// labelled with the run, and fixed at one node (no autoscaler of the environment may resize it). It holds no data.
    /// </summary>
    public static IEnumerable<CheckedStack> EksTrainingRunStacks() => Catalog.All.Where(env => env.TrainingRuns?.Eks is not null).Select(env =>
    {
        var selection = new Dictionary<string, object> { ["env"] = env.Name, ["run"] = CheckedRun, ["runCloud"] = "eks" };
        var name = $"{env.Project}-train-{env.Name}-{CheckedRun}";
        return new CheckedStack(
            name,
            () => Delivery.DeliverySynth.Stacks(selection)[name],
            () => EnvironmentContext(env),
            json => EksChecks.RunNodeGroup(json, "RunNodes", env.TrainingClusterName, env.TrainingRuns!.Eks!.InstanceType, CheckedRun));
    });

    /// <summary>The state bucket of an environment (make bootstrap-state): even dev's refuses destroy.</summary>
    private static CheckedStack StateBootstrap(DeploymentEnvironment env) => new(
        MlopsStack.StackName(AwsStateBootstrapStack.Cloud, env),
        () => Delivery.DeliverySynth.Stacks(new Dictionary<string, object> { ["env"] = env.Name, ["bootstrap"] = "true" })[MlopsStack.StackName(AwsStateBootstrapStack.Cloud, env)],
        () => EnvironmentContext(env),
        json => [KeyChecks.ArtifactBucket(json, "StateBucket", KeyChecks.Created(json, "StateBucket"))],
        DestroyExpectation.Refused);

    public static CheckedStack Named(string name) => All.Single(s => s.Name == name);

    private static AwsPlanContext EnvironmentContext(DeploymentEnvironment env) => new(env.Aws.AccountId, env.Aws.Region, env.StandardTags());

    private static string Platform(DeploymentEnvironment env) => MlopsStack.StackName(AwsPlatformStack.Cloud, env);

    private static IEnumerable<CheckedStack> PlatformStacks() => Catalog.All.Select(env => new CheckedStack(
        Platform(env),
        () => AppSynth.Stack(Platform(env)),
        () => EnvironmentContext(env),
        json =>
        [
            KeyChecks.ArtifactBucket(json, "ModelArtifacts", KeyChecks.Created(json, "ModelArtifacts")),
            KeyChecks.ImageRepository(json, "ModelImages", KeyChecks.Created(json, "ModelImages")),
            KeyChecks.ApiKey(json, "ModelApiKey", KeyChecks.Created(json, "ModelApiKey")),
            SecretRecoveryWindow(json, env),
            .. AlarmTopic(json, env),
            .. AccessLogging(json, env),
            .. CheckedStacks.NotebookProtection(json, env.DataDeletionPolicy == DeletionPolicy.PreventDestroy),
            .. CheckedStacks.FlowLogs(json, KeyChecks.Created(json, "Network"), retentionDays: 365, env.Aws.Region, env.Aws.AccountId),
            .. CheckedStacks.NotebookNetworkInterfaces(json, env.Aws.Region, env.Aws.AccountId),
        ],
        env.DataDeletionPolicy == DeletionPolicy.PreventDestroy ? DestroyExpectation.Refused : DestroyExpectation.Allowed));

    /// <summary>The serving stacks, planned as after their platform stack was applied: its outputs are the remote state.</summary>
    public static IEnumerable<CheckedStack> ServingStacks() => Catalog.All.Select(env => new CheckedStack(
        MlopsStack.StackName(AwsServingStack.Cloud, env),
        () => AppSynth.Stack(MlopsStack.StackName(AwsServingStack.Cloud, env)),
        () => EnvironmentContext(env) with
        {
            RemoteStates = new Dictionary<string, IReadOnlyDictionary<string, object>>
            {
                [$"cross-stack-reference-input-{Platform(env)}"] = RemoteStateValues.Outputs(AppSynth.Stack(Platform(env)), EnvironmentContext(env)),
            },
        },
        json =>
        [
            .. KeyChecks.Endpoint(json, "ModelEndpoint", KeyChecks.FromOtherStack(AppSynth.Stack(Platform(env)), Platform(env), "ModelArtifacts")),
            .. ServingAlarms(json, env),
            .. ServingDeployment(json, env),
            .. ModelInPrivateSubnets(json, env),
            .. MonitorChecks.DataQuality(json, "ModelEndpoint",
                KeyChecks.RemoteOutput(AppSynth.Stack(Platform(env)), Platform(env), "aws_s3_bucket", "ModelArtifacts/Bucket", "bucket"),
                KeyChecks.FromOtherStack(AppSynth.Stack(Platform(env)), Platform(env), "ModelArtifacts"),
                env.Release.BaselineKeyPrefix, env.Serving.DataQualitySchedule.Expression),
        ]));

    /// <summary>
    /// The EKS cluster stacks (environments declaring <see cref="DeploymentEnvironment.EksTraining"/>): standalone (their own
    /// network), planned as on a new account. The node groups run in the network's private subnets, the secrets key is the
    /// one the stack creates, launch templates require IMDSv2 with hop limit 1, the GPU group is tainted and the autoscaler
    /// may scale exactly these groups; the nodes reach the interface endpoints.
    /// </summary>
    public static IEnumerable<CheckedStack> EksClusterStacks() => Catalog.All.Where(env => env.EksTraining is not null).Select(env => new CheckedStack(
        MlopsStack.StackName(EksClusterStack.Cloud, env),
        () => AppSynth.Stack(MlopsStack.StackName(EksClusterStack.Cloud, env)),
        () => EnvironmentContext(env),
        json =>
        [
            .. EksChecks.Cluster(json, "Cluster", $"module.{NetworkModule(json)}.private_subnet_ids", KeyChecks.Created(json, "Cluster/Secrets"),
                "ClusterAutoscalerIdentity", env.Aws.Region, env.Aws.AccountId),
            new PlanAssertion($"{json.Address("aws_vpc_security_group_ingress_rule", "Network/EndpointAccess-EksNodes")}.referenced_security_group_id == {json.Address("aws_eks_cluster", "Cluster/Cluster")}.vpc_config[0].cluster_security_group_id",
                "the nodes (cluster security group) must reach the interface endpoints over HTTPS"),
            new PlanAssertion($"{json.Address("aws_eks_cluster", "Cluster/Cluster")}.vpc_config[0].endpoint_public_access == {(env.EksTraining!.PublicAccessCidrs.Count > 0 ? "true" : "false")}",
                "the public endpoint is on exactly when the environment lists the ranges allowed to it"),
        ],
        env.DataDeletionPolicy == DeletionPolicy.PreventDestroy ? DestroyExpectation.Refused : DestroyExpectation.Allowed));

    private static string NetworkModule(TerraformJson json) => LocalModuleSources.Modules(json).Single(m => m.Module == "aws-network").Name;

    /// <summary>The API key's recovery window as Terraform plans it: none where the environment is disposable (so it can be
    /// re-created at once), a week for staging, 30 days for prod.</summary>
    private static PlanAssertion SecretRecoveryWindow(TerraformJson json, DeploymentEnvironment env)
    {
        var days = env.DataDeletionPolicy switch { DeletionPolicy.ForceDestroy => 0, DeletionPolicy.DestroyIfEmpty => 7, _ => 30 };
        return new PlanAssertion($"{json.Address("aws_secretsmanager_secret", "ModelApiKey/Secret")}.recovery_window_in_days == {days}",
            $"the API key secret of {env.Name} must be recoverable for {days} days", ComparesIdentifiers: false);
    }

    /// <summary>An environment with alarm e-mails has a topic encrypted with its own key; one without has no topic at all.</summary>
    private static IEnumerable<PlanAssertion> AlarmTopic(TerraformJson json, DeploymentEnvironment env)
    {
        if (env.Serving.AlarmEmails.Count == 0)
        {
            Assert.That(json.Resources("aws_sns_topic"), Is.Empty, $"{env.Name} notifies nobody: no topic");
            yield break;
        }

        yield return KeyChecks.AlarmTopic(json, "Alarms");
        var subscriptions = json.Resources("aws_sns_topic_subscription").Keys.Select(n => $"aws_sns_topic_subscription.{n}.endpoint");
        yield return new PlanAssertion($"toset([{string.Join(", ", subscriptions)}]) == toset({Hcl.Value(env.Serving.AlarmEmails)})",
            $"the alarm topic of {env.Name} must be subscribed by {string.Join(", ", env.Serving.AlarmEmails)}", ComparesIdentifiers: false);
    }

    /// <summary>Every alarm notifies the platform's topic; without a topic, the serving stack has no alarm.</summary>
    private static IEnumerable<PlanAssertion> ServingAlarms(TerraformJson json, DeploymentEnvironment env)
    {
        if (env.Serving.AlarmEmails.Count == 0 && env.Serving.AlarmTopicArn is null)
        {
            Assert.That(json.Resources("aws_cloudwatch_metric_alarm"), Is.Empty, $"{env.Name} notifies nobody: no alarm");
            return [];
        }

        return KeyChecks.AlarmsNotify(json, KeyChecks.RemoteOutput(AppSynth.Stack(Platform(env)), Platform(env), "aws_sns_topic", "Alarms/Topic", "arn"));
    }

    /// <summary>The environment's deployment as Terraform plans it: prod a canary; the auto-rollback alarms are exactly the
    /// endpoint's own alarm resources (by name), each watching this endpoint.</summary>
    private static IEnumerable<PlanAssertion> ServingDeployment(TerraformJson json, DeploymentEnvironment env)
    {
        var endpoint = $"aws_sagemaker_endpoint.{json.Resources("aws_sagemaker_endpoint").Keys.Single()}";
        if (env.Serving.Deployment is not { } deployment)
        {
            Assert.That(json.Single("aws_sagemaker_endpoint")["deployment_config"], Is.Null, $"{env.Name} keeps SageMaker's default deployment");
            yield break;
        }

        var policy = $"{endpoint}.deployment_config[0].blue_green_update_policy[0]";
        var type = deployment.TrafficShift switch { Aws.TrafficShift.Canary => "CANARY", Aws.TrafficShift.Linear => "LINEAR", _ => "ALL_AT_ONCE" };
        yield return new PlanAssertion($"{policy}.traffic_routing_configuration[0].type == \"{type}\" && {policy}.traffic_routing_configuration[0].wait_interval_in_seconds == {deployment.WaitIntervalSeconds}",
            $"the endpoint of {env.Name} must shift traffic {type} with a {deployment.WaitIntervalSeconds} s baking period", ComparesIdentifiers: false);
        if (env.DataDeletionPolicy == DeletionPolicy.PreventDestroy)
        {
            Assert.That(deployment.TrafficShift, Is.EqualTo(Aws.TrafficShift.Canary), "prod rolls out with a canary");
            yield return new PlanAssertion($"{policy}.traffic_routing_configuration[0].canary_size[0].type == \"INSTANCE_COUNT\" && {policy}.traffic_routing_configuration[0].canary_size[0].value == 1",
                $"the canary of {env.Name} must be one instance", ComparesIdentifiers: false);
        }

        var alarms = json.Resources("aws_cloudwatch_metric_alarm").Keys.Select(k => $"aws_cloudwatch_metric_alarm.{k}").ToList();
        Assert.That(alarms, Is.Not.Empty, $"{env.Name} rolls back on alarms");
        var rollback = $"[for a in {endpoint}.deployment_config[0].auto_rollback_configuration[0].alarms : a.alarm_name]";
        yield return new PlanAssertion($"toset({rollback}) == toset([{string.Join(", ", alarms.Select(a => a + ".alarm_name"))}]) && length({rollback}) == {alarms.Count}",
            $"the auto-rollback alarms of {env.Name} must be the endpoint's own alarm resources, all of them");
        yield return new PlanAssertion($"alltrue([for a in [{string.Join(", ", alarms)}] : a.dimensions[\"EndpointName\"] == {endpoint}.name && a.namespace == \"AWS/SageMaker\"])",
            $"every rollback alarm of {env.Name} must watch its own endpoint");
    }

    /// <summary>A VPC-mode model runs in the platform network's two private subnets and workload security group.</summary>
    private static IEnumerable<PlanAssertion> ModelInPrivateSubnets(TerraformJson json, DeploymentEnvironment env)
    {
        var model = json.Single("aws_sagemaker_model");
        if (!env.Serving.InVpc)
        {
            Assert.That(model["vpc_config"], Is.Null, "a model outside the VPC has no vpc_config");
            yield break;
        }

        var address = $"aws_sagemaker_model.{json.Resources("aws_sagemaker_model").Keys.Single()}";
        var outputs = $"data.terraform_remote_state.cross-stack-reference-input-{Platform(env)}.outputs";
        var subnets = AppSynth.Stack(Platform(env)).Root["output"]!.AsObject().Single(o => o.Key.EndsWith("private_subnet_ids", StringComparison.Ordinal)).Key;
        var group = AppSynth.Stack(Platform(env)).Root["output"]!.AsObject().Single(o => o.Key.EndsWith("workload_security_group_id", StringComparison.Ordinal)).Key;
        yield return new PlanAssertion($"toset({address}.vpc_config[0].subnets) == toset({outputs}[\"{subnets}\"]) && length({address}.vpc_config[0].subnets) == 2",
            "the model must run in both private subnets of the platform's network");
        yield return new PlanAssertion($"toset({address}.vpc_config[0].security_group_ids) == toset([{outputs}[\"{group}\"]])",
            "the model must use the platform network's workload security group only");
    }

    /// <summary>Where the environment keeps access logs: the artifact bucket logs into the log bucket the stack creates,
    /// encrypted with SSE-S3 (the only encryption log delivery writes to).</summary>
    private static IEnumerable<PlanAssertion> AccessLogging(TerraformJson json, DeploymentEnvironment env)
    {
        if (env.AccessLogBucket is null)
        {
            Assert.That(json.Resources("aws_s3_bucket_logging"), Is.Empty);
            yield break;
        }

        var logging = json.Address("aws_s3_bucket_logging", "ModelArtifacts/AccessLogging");
        var target = json.Address("aws_s3_bucket", "AccessLogs/Bucket");
        var encryption = json.Address("aws_s3_bucket_server_side_encryption_configuration", "AccessLogs/Encryption");
        yield return new PlanAssertion($"{logging}.target_bucket == {target}.bucket && {target}.bucket == {Hcl.String(env.AccessLogBucket)}",
            "the artifact bucket must log into the access log bucket the stack creates");
        yield return new PlanAssertion(
            Hcl.Every($"flatten({encryption}.rule[*].apply_server_side_encryption_by_default[*].sse_algorithm)", "a", "a == \"AES256\""),
            "the access log bucket must use SSE-S3: S3 log delivery does not write to SSE-KMS targets", ComparesIdentifiers: false);
    }

}
