using MlopsCdktf.Policy.Rules.Common;

namespace MlopsCdktf.Policy.Rules.Aws;

/// <summary>The AWS rules of the pack that check one attribute of one resource type, one definition each (<see cref="AttributeRule"/>).</summary>
public static class AwsAttributeRules
{
    /// <summary>MLOPS-KMS-1: symmetric customer managed keys rotate automatically.</summary>
    public static AttributeRule KmsKeyRotation { get; } = new("MLOPS-KMS-1", PolicyLevel.Error,
        "The KMS key does not set enable_key_rotation = true.",
        "Automatic rotation replaces the key material yearly (or on rotation_period_in_days) without re-encrypting data, "
        + "limiting how much data one compromised key version exposes. Asymmetric and HMAC keys cannot rotate and are not checked.",
        "aws_kms_key", "enable_key_rotation", AttributeExpectation.IsTrue,
        appliesWhen: new("customer_master_key_spec", AttributeExpectation.AbsentOrEqualTo("SYMMETRIC_DEFAULT")));

    /// <summary>MLOPS-SM-2 (warning): endpoint configurations capture inference data.</summary>
    public static AttributeRule SageMakerDataCapture { get; } = new("MLOPS-SM-2", PolicyLevel.Warning,
        "The SageMaker endpoint configuration does not enable data capture.",
        "Captured requests and responses are the input of model monitoring (data and quality drift) and of audits of "
        + "what the model answered; without them a degrading model goes unnoticed.",
        "aws_sagemaker_endpoint_configuration", "data_capture_config.enable_capture", AttributeExpectation.IsTrue);

    /// <summary>MLOPS-SM-3 (warning): models run with network isolation.</summary>
    public static AttributeRule SageMakerNetworkIsolation { get; } = new("MLOPS-SM-3", PolicyLevel.Warning,
        "The SageMaker model does not set enable_network_isolation = true.",
        "Without network isolation the model container can make outbound calls, so a compromised or malicious model "
        + "image can exfiltrate inference data; SageMaker still fetches the artifact and image for it.",
        "aws_sagemaker_model", "enable_network_isolation", AttributeExpectation.IsTrue);

    /// <summary>MLOPS-EC2-1: launch templates require IMDSv2 (session tokens).</summary>
    public static AttributeRule LaunchTemplateImdsV2 { get; } = new("MLOPS-EC2-1", PolicyLevel.Error,
        "The launch template does not set metadata_options.http_tokens = \"required\".",
        "IMDSv1 answers any GET from the instance, so a server-side request forgery in a pod or process hands out the "
        + "instance role's credentials; IMDSv2 needs a session token obtained with a PUT. Matches checkov CKV_AWS_79.",
        "aws_launch_template", "metadata_options.http_tokens", AttributeExpectation.EqualTo("required"));

    /// <summary>MLOPS-EC2-2: launch templates keep instance metadata one network hop away.</summary>
    public static AttributeRule LaunchTemplateHopLimit { get; } = new("MLOPS-EC2-2", PolicyLevel.Error,
        "The launch template does not set metadata_options.http_put_response_hop_limit to 1.",
        "With a hop limit above 1 the metadata token reaches containers behind the node's network namespace, so every pod "
        + "can read the node role's credentials (EKS AL2023 images default to 2); pods get their own credentials through Pod "
        + "Identity. Matches checkov CKV_AWS_341.",
        "aws_launch_template", "metadata_options.http_put_response_hop_limit", AttributeExpectation.AtMost(1));

    /// <summary>Every AWS attribute rule, in id order.</summary>
    public static IReadOnlyList<AttributeRule> All { get; } = [LaunchTemplateImdsV2, LaunchTemplateHopLimit, KmsKeyRotation, SageMakerDataCapture, SageMakerNetworkIsolation];
}
