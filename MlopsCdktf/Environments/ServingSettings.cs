namespace MlopsCdktf.Environments;

/// <summary>How an environment serves its model on SageMaker: image, size, scaling and data capture.</summary>
public sealed record ServingSettings
{
    /// <summary>Short model name used in the endpoint, repository and secret names, e.g. <c>churn</c>.</summary>
    public required string ModelName { get; init; }

    /// <summary>
    /// The model version this environment serves: the serving stack's one input. Publish it (push the image, upload the
    /// archive) after the platform stack is applied and before the serving stack is; the serving plan fails naming what is
    /// missing otherwise.
    /// </summary>
    public required ModelVersion Version { get; init; }

    /// <summary>The ML instance type, e.g. <c>ml.m5.large</c>.</summary>
    public required string InstanceType { get; init; }

    /// <summary>Instances at deployment.</summary>
    public required int InitialInstanceCount { get; init; }

    /// <summary>Autoscaling bounds, or null for a fixed instance count.</summary>
    public ServingAutoscaling? Autoscaling { get; init; }

    /// <summary>Percentage of requests captured for model monitoring (0–100).</summary>
    public required int DataCaptureSamplingPercentage { get; init; }

    /// <summary>E-mail addresses the environment's alarm topic notifies: with at least one, the platform stack creates the
    /// topic and the serving stack the endpoint's alarms; with none (and no <see cref="AlarmTopicArn"/>) there is neither
    /// topic nor alarm, since nobody would receive them.</summary>
    /// <value>The default value is none (no alarms). Environments whose data is protected (<see cref="Core.DeletionPolicy.PreventDestroy"/>)
    /// must notify someone: give at least one address or <see cref="AlarmTopicArn"/>.</value>
    public IReadOnlyList<string> AlarmEmails { get; init; } = [];

    /// <summary>Whether the model runs in the environment's private network (its subnets and workload security group, through
    /// cross-stack references to the platform stack), reaching S3 through the network's gateway endpoint.</summary>
    /// <value>The default value is false: SageMaker's own network (the model is network-isolated either way).</value>
    public bool InVpc { get; init; }

    /// <summary>An existing SNS topic (e.g. the on-call pager's, with its subscribers) to notify instead of creating one.</summary>
    /// <value>The default value is null: the platform stack creates a KMS-encrypted topic for <see cref="AlarmEmails"/>, if any.</value>
    public string? AlarmTopicArn { get; init; }
}

/// <summary>One published model version: the inference image and the model archive it loads.</summary>
public sealed record ModelVersion
{
    /// <summary>The pinned image tag (or <c>sha256:</c> digest) in the environment's repository; never <c>latest</c>.</summary>
    public required string ImageTagOrDigest { get; init; }

    /// <summary>Key of the model archive in the environment's artifact bucket, e.g. <c>models/churn/1.0.0/model.tar.gz</c>.</summary>
    public required string ArchiveKey { get; init; }
}

/// <summary>Autoscaling bounds of an environment's endpoint.</summary>
public sealed record ServingAutoscaling
{
    /// <summary>Fewest instances.</summary>
    public required int MinInstances { get; init; }

    /// <summary>Most instances.</summary>
    public required int MaxInstances { get; init; }

    /// <summary>Requests per second one instance sustains (from the model's load test).</summary>
    public required double MaxRequestsPerSecondPerInstance { get; init; }
}
