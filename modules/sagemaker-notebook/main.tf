# A SageMaker notebook done right: in a private subnet without direct internet access, no root access, its volume
# encrypted with the given KMS key, stopped when idle by its lifecycle configuration, running as a least-privilege role
# (no AmazonSageMakerFullAccess), protected from destroy when var.prevent_destroy is set.

data "aws_partition" "current" {}
data "aws_region" "current" {}
data "aws_caller_identity" "current" {}

locals {
  notebook_arn = "arn:${data.aws_partition.current.partition}:sagemaker:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:notebook-instance/${lower(var.name)}"
  log_group    = "arn:${data.aws_partition.current.partition}:logs:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:log-group:/aws/sagemaker/NotebookInstances"
  ec2_arn      = "arn:${data.aws_partition.current.partition}:ec2:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}"
  notebook = {
    name                   = var.name
    instance_type          = var.instance_type
    volume_size            = var.volume_size_gb
    subnet_id              = var.subnet_id
    security_groups        = var.security_group_ids
    kms_key_id             = var.kms_key_arn
    role_arn               = aws_iam_role.notebook.arn
    lifecycle_config_name  = aws_sagemaker_notebook_instance_lifecycle_configuration.idle_stop.name
    direct_internet_access = "Disabled"
    root_access            = "Disabled"
    platform_identifier    = "notebook-al2-v3"
  }
}

data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["sagemaker.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

resource "aws_iam_role" "notebook" {
  name               = "${var.name}-notebook"
  assume_role_policy = data.aws_iam_policy_document.trust.json
  tags               = var.tags
}

data "aws_iam_policy_document" "notebook" {
  statement {
    sid       = "StopItselfWhenIdle"
    actions   = ["sagemaker:StopNotebookInstance", "sagemaker:DescribeNotebookInstance"]
    resources = [local.notebook_arn]
  }
  statement {
    sid       = "ListArtifacts"
    actions   = ["s3:ListBucket"]
    resources = [var.artifact_bucket_arn]
  }
  statement {
    sid       = "ReadArtifacts"
    actions   = ["s3:GetObject", "s3:GetObjectVersion"]
    resources = ["${var.artifact_bucket_arn}/*"]
  }
  statement {
    sid       = "WriteNotebookOutputs"
    actions   = ["s3:PutObject", "s3:AbortMultipartUpload"]
    resources = ["${var.artifact_bucket_arn}/notebooks/*"]
  }
  # An SSE-KMS bucket's key, through S3 only; none for an SSE-S3 bucket.
  dynamic "statement" {
    for_each = var.artifact_key_arn == null ? [] : [var.artifact_key_arn]
    content {
      sid       = "ArtifactKeyThroughS3"
      actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
      resources = [statement.value]
      condition {
        test     = "StringEquals"
        variable = "kms:ViaService"
        values   = ["s3.${data.aws_region.current.name}.amazonaws.com"]
      }
    }
  }
  statement {
    sid       = "NotebookLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"]
    resources = ["${local.log_group}:*"]
  }
  statement {
    sid       = "NotebookLogGroup"
    actions   = ["logs:CreateLogGroup"]
    resources = ["${local.log_group}:*"]
  }
  # In a subnet, SageMaker creates the notebook's network interface there as this role (without these the notebook
  # fails: "Please check if you have ec2:CreateNetworkInterface permission"), and deletes it with the notebook.
  # EC2 Describe* actions have no resource-level permissions: "*" is the only valid resource.
  statement {
    sid       = "DescribeVpcNetwork"
    actions   = ["ec2:DescribeDhcpOptions", "ec2:DescribeNetworkInterfaces", "ec2:DescribeSecurityGroups", "ec2:DescribeSubnets", "ec2:DescribeVpcs"]
    resources = ["*"]
  }
  statement {
    sid     = "CreateNotebookNetworkInterface"
    actions = ["ec2:CreateNetworkInterface"]
    resources = concat(
      ["${local.ec2_arn}:network-interface/*", "${local.ec2_arn}:subnet/${var.subnet_id}"],
      [for group in var.security_group_ids : "${local.ec2_arn}:security-group/${group}"],
    )
  }
  statement {
    sid       = "ManageNotebookNetworkInterface"
    actions   = ["ec2:CreateNetworkInterfacePermission", "ec2:DeleteNetworkInterface", "ec2:DeleteNetworkInterfacePermission"]
    resources = ["${local.ec2_arn}:network-interface/*"]
  }
}

resource "aws_iam_role_policy" "notebook" {
  name   = "least-privilege"
  role   = aws_iam_role.notebook.id
  policy = data.aws_iam_policy_document.notebook.json
}

resource "aws_sagemaker_notebook_instance_lifecycle_configuration" "idle_stop" {
  name     = "${var.name}-idle-stop"
  on_start = base64encode(templatefile("${path.module}/on-start.sh.tftpl", { idle_minutes = var.idle_minutes }))
  tags     = var.tags
}

# Terraform rejects variables in lifecycle.prevent_destroy, so the notebook is declared twice and var.prevent_destroy
# picks the one that exists: protected (prod: "Instance cannot be destroyed") or not (dev, staging, review).
resource "aws_sagemaker_notebook_instance" "protected" {
  count                  = var.prevent_destroy ? 1 : 0
  name                   = local.notebook.name
  instance_type          = local.notebook.instance_type
  volume_size            = local.notebook.volume_size
  subnet_id              = local.notebook.subnet_id
  security_groups        = local.notebook.security_groups
  kms_key_id             = local.notebook.kms_key_id
  role_arn               = local.notebook.role_arn
  lifecycle_config_name  = local.notebook.lifecycle_config_name
  direct_internet_access = local.notebook.direct_internet_access
  root_access            = local.notebook.root_access
  platform_identifier    = local.notebook.platform_identifier
  instance_metadata_service_configuration {
    minimum_instance_metadata_service_version = "2"
  }
  tags = var.tags

  # SageMaker uses the role's permissions while it creates (and later deletes) the notebook and its network
  # interface: the policy is attached first and removed last.
  depends_on = [aws_iam_role_policy.notebook]

  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_sagemaker_notebook_instance" "unprotected" {
  count                  = var.prevent_destroy ? 0 : 1
  name                   = local.notebook.name
  instance_type          = local.notebook.instance_type
  volume_size            = local.notebook.volume_size
  subnet_id              = local.notebook.subnet_id
  security_groups        = local.notebook.security_groups
  kms_key_id             = local.notebook.kms_key_id
  role_arn               = local.notebook.role_arn
  lifecycle_config_name  = local.notebook.lifecycle_config_name
  direct_internet_access = local.notebook.direct_internet_access
  root_access            = local.notebook.root_access
  platform_identifier    = local.notebook.platform_identifier
  instance_metadata_service_configuration {
    minimum_instance_metadata_service_version = "2"
  }
  tags = var.tags

  # SageMaker uses the role's permissions while it creates (and later deletes) the notebook and its network
  # interface: the policy is attached first and removed last.
  depends_on = [aws_iam_role_policy.notebook]
}

locals {
  instance = one(concat(aws_sagemaker_notebook_instance.protected, aws_sagemaker_notebook_instance.unprotected))
}
