namespace MlopsCdktf.Aws.Iam;

/// <summary>
/// The IAM action lists that grant methods emit, named by intent. One home, so a reviewer reads every
/// permission this library can hand out in one file.
/// </summary>
public static class Actions
{
    /// <summary>Amazon S3 actions.</summary>
    public static class S3
    {
        /// <summary>List keys in a bucket (bucket-level; scoped by an <c>s3:prefix</c> condition when a prefix is granted).</summary>
        public static IReadOnlyList<string> List { get; } = ["s3:ListBucket"];

        /// <summary>Read objects and their versions.</summary>
        public static IReadOnlyList<string> ReadObjects { get; } = ["s3:GetObject", "s3:GetObjectVersion"];

        /// <summary>Write objects, including multipart uploads. Never overwrites history: the bucket is versioned.</summary>
        public static IReadOnlyList<string> PutObjects { get; } =
            ["s3:PutObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"];

        /// <summary>Delete objects (adds a delete marker; noncurrent versions stay until lifecycle expiry).
        /// Deliberately not <c>s3:DeleteObjectVersion</c>, which would erase history.</summary>
        public static IReadOnlyList<string> DeleteObjects { get; } = ["s3:DeleteObject"];

        /// <summary>Every S3 action: only for deny statements in bucket policies.</summary>
        public static IReadOnlyList<string> All { get; } = ["s3:*"];
    }

    /// <summary>AWS KMS actions on a customer managed key.</summary>
    public static class Kms
    {
        /// <summary>Decrypt data encrypted under the key (reading SSE-KMS objects).</summary>
        public static IReadOnlyList<string> Decrypt { get; } = ["kms:Decrypt"];

        /// <summary>Encrypt and decrypt (writing SSE-KMS objects needs both, for multipart uploads too).</summary>
        public static IReadOnlyList<string> EncryptDecrypt { get; } = ["kms:Decrypt", "kms:GenerateDataKey"];

        /// <summary>Let a service encrypt the ML storage volume of a job it starts for the caller: a grant for an AWS
        /// resource (always with a <c>kms:GrantIsForAWSResource</c> condition) and the key's description.</summary>
        public static IReadOnlyList<string> CreateGrantForAwsResource { get; } = ["kms:CreateGrant", "kms:DescribeKey"];

        /// <summary>
        /// Administering a key, as the account root is allowed in every key policy this library writes (so the key stays
        /// manageable through IAM): AWS's key-administrator actions, without any cryptographic use and without
        /// <c>kms:CreateGrant</c> (a grant would hand out use). Only <c>kms:CreateAlias</c> of the <c>kms:Create*</c> family.
        /// </summary>
        public static IReadOnlyList<string> KeyAdministration { get; } =
        [
            "kms:CreateAlias", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*", "kms:Update*", "kms:Revoke*",
            "kms:Disable*", "kms:Get*", "kms:Delete*", "kms:TagResource", "kms:UntagResource", "kms:ScheduleKeyDeletion",
            "kms:CancelKeyDeletion", "kms:RotateKeyOnDemand",
        ];

        /// <summary>Cryptographic use of a symmetric key (what a service calling KMS on a principal's behalf needs).</summary>
        public static IReadOnlyList<string> UseKey { get; } =
            ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"];

        /// <summary>Create a grant, which services holding data for a while (ECR images, SageMaker volumes) make on the
        /// caller's behalf; key policies allow it only with <c>kms:GrantIsForAWSResource</c>.</summary>
        public static IReadOnlyList<string> CreateGrant { get; } = ["kms:CreateGrant"];

        /// <summary>What a service publishing to an encrypted SNS topic needs (e.g. CloudWatch alarms).</summary>
        public static IReadOnlyList<string> PublishToEncryptedTopic { get; } = ["kms:Decrypt", "kms:GenerateDataKey*"];

        /// <summary>What CloudWatch Logs needs to encrypt a log group's data.</summary>
        public static IReadOnlyList<string> EncryptLogs { get; } =
            ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"];

        /// <summary>What an EKS cluster's role needs to envelope-encrypt Kubernetes secrets with the cluster's key.</summary>
        public static IReadOnlyList<string> EncryptClusterSecrets { get; } = ["kms:Encrypt", "kms:Decrypt", "kms:ListGrants", "kms:DescribeKey"];
    }

    /// <summary>Amazon ECR actions.</summary>
    public static class Ecr
    {
        /// <summary>Pull image layers and manifests from one repository (resource-level: the repository ARN).</summary>
        public static IReadOnlyList<string> PullImages { get; } =
            ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"];

        /// <summary>
        /// Obtain a registry login token. ECR supports no resource-level permissions for this action, so it is the one
        /// ECR action granted on <c>*</c>; the token alone reads nothing: every pull still needs <see cref="PullImages"/>
        /// on the repository ARN.
        /// </summary>
        public static IReadOnlyList<string> GetAuthorizationToken { get; } = ["ecr:GetAuthorizationToken"];
    }

    /// <summary>Amazon CloudWatch Logs actions.</summary>
    public static class Logs
    {
        /// <summary>Write a service's logs into its own, already created log group (scoped to that group's ARN and its
        /// streams). No <c>logs:CreateLogGroup</c>: the construct creates the group, with retention.</summary>
        public static IReadOnlyList<string> WriteToLogGroup { get; } =
            ["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"];

        /// <summary>Write into a log group a service shares across jobs and creates on first use (SageMaker's
        /// <c>/aws/sagemaker/ProcessingJobs</c>): <see cref="WriteToLogGroup"/> plus <c>logs:CreateLogGroup</c>, scoped to that group.</summary>
        public static IReadOnlyList<string> WriteToServiceLogGroup { get; } =
            ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"];
    }

    /// <summary>Amazon CloudWatch (metrics) actions.</summary>
    public static class CloudWatch
    {
        /// <summary>
        /// Publish metric data. CloudWatch has no resource-level permissions for this action: it is granted on <c>*</c>
        /// and always narrowed by a <c>cloudwatch:namespace</c> condition.
        /// </summary>
        public static IReadOnlyList<string> PutMetricData { get; } = ["cloudwatch:PutMetricData"];
    }

    /// <summary>Amazon EC2 actions a service needs to place network interfaces in a customer VPC.</summary>
    public static class Ec2
    {
        /// <summary>Read-only VPC lookups. EC2 Describe* actions support no resource-level permissions, so they need <c>*</c>.</summary>
        public static IReadOnlyList<string> DescribeNetwork { get; } =
        [
            "ec2:DescribeDhcpOptions", "ec2:DescribeNetworkInterfaces", "ec2:DescribeSecurityGroups",
            "ec2:DescribeSubnets", "ec2:DescribeVpcs",
        ];

        /// <summary>Create an elastic network interface (scoped to the given subnets, security groups and network-interface ARNs).</summary>
        public static IReadOnlyList<string> CreateNetworkInterface { get; } = ["ec2:CreateNetworkInterface"];

        /// <summary>Manage network interfaces the service created (scoped to network-interface ARNs of the account and region).</summary>
        public static IReadOnlyList<string> ManageNetworkInterfaces { get; } =
            ["ec2:CreateNetworkInterfacePermission", "ec2:DeleteNetworkInterface", "ec2:DeleteNetworkInterfacePermission"];
    }

    /// <summary>AWS STS actions, for role trust policies.</summary>
    public static class Sts
    {
        /// <summary>Assume a role (the only action of a service role's trust policy).</summary>
        public static IReadOnlyList<string> AssumeRole { get; } = ["sts:AssumeRole"];

        /// <summary>Assume a role and tag the session: what EKS Pod Identity (<c>pods.eks.amazonaws.com</c>) needs in a role's
        /// trust policy (it passes the cluster, namespace and service account as session tags).</summary>
        public static IReadOnlyList<string> AssumeRoleAndTagSession { get; } = ["sts:AssumeRole", "sts:TagSession"];
    }

    /// <summary>EC2 Auto Scaling actions, as the Kubernetes cluster autoscaler uses them.</summary>
    public static class Autoscaling
    {
        /// <summary>Scale a node group's Auto Scaling group: resource-level, on the groups' ARNs only.</summary>
        public static IReadOnlyList<string> ScaleGroups { get; } =
            ["autoscaling:SetDesiredCapacity", "autoscaling:TerminateInstanceInAutoScalingGroup"];

        /// <summary>
        /// What the cluster autoscaler reads to find node groups and build node templates. None of these actions supports
        /// resource-level permissions, so they are granted on <c>*</c>; they read metadata only.
        /// </summary>
        public static IReadOnlyList<string> DiscoverGroups { get; } =
        [
            "autoscaling:DescribeAutoScalingGroups", "autoscaling:DescribeAutoScalingInstances", "autoscaling:DescribeLaunchConfigurations",
            "autoscaling:DescribeScalingActivities", "autoscaling:DescribeTags", "ec2:DescribeImages", "ec2:DescribeInstanceTypes",
            "ec2:DescribeLaunchTemplateVersions", "ec2:GetInstanceTypesFromInstanceRequirements",
        ];
    }

    /// <summary>Amazon EKS actions.</summary>
    public static class Eks
    {
        /// <summary>Read a managed node group's labels, taints and resources (resource-level: the node group ARN); the
        /// cluster autoscaler builds node templates of groups at zero from it.</summary>
        public static IReadOnlyList<string> DescribeNodegroup { get; } = ["eks:DescribeNodegroup"];
    }

    /// <summary>AWS Secrets Manager actions.</summary>
    public static class SecretsManager
    {
        /// <summary>Read one secret's current value and metadata (resource-level: the secret ARN).</summary>
        public static IReadOnlyList<string> ReadSecret { get; } = ["secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue"];
    }
}
