# A private network for SageMaker and EKS: two private subnets, no route to the internet by default. S3 is reached through
# a gateway endpoint and the AWS APIs through interface endpoints, so VPC-mode models, notebooks and private EKS nodes need
# no NAT. An optional NAT egress (internet_egress) lets private nodes pull public images (registry.k8s.io, nvcr.io).

data "aws_region" "current" {}

locals {
  # Two equal halves of the VPC range, one per zone.
  subnet_cidrs = cidrsubnets(var.cidr_block, 1, 1)
}

resource "aws_vpc" "this" {
  cidr_block           = var.cidr_block
  enable_dns_support   = true # private DNS names of interface endpoints need both
  enable_dns_hostnames = true
  tags                 = merge(var.tags, { Name = var.name })
}

# The default security group allows all traffic between its members: take every rule away (CIS 5.4).
resource "aws_default_security_group" "this" {
  vpc_id = aws_vpc.this.id
  tags   = merge(var.tags, { Name = "${var.name}-default-closed" })
}

resource "aws_subnet" "private" {
  count                   = 2
  vpc_id                  = aws_vpc.this.id
  cidr_block              = local.subnet_cidrs[count.index]
  availability_zone       = var.availability_zones[count.index]
  map_public_ip_on_launch = false
  tags                    = merge(var.tags, { Name = "${var.name}-private-${var.availability_zones[count.index]}" })
}

# No route to the internet unless internet_egress asks for NAT: then the only non-local routes are the S3 gateway
# endpoint's prefix list and 0.0.0.0/0 through the NAT gateway(s).
resource "aws_route_table" "private" {
  vpc_id = aws_vpc.this.id
  tags   = merge(var.tags, { Name = "${var.name}-private" })
}

# With a NAT gateway per zone, each private subnet routes through the gateway of its own zone (a zone's outage or a
# gateway's loss keeps the other zone's egress).
resource "aws_route_table" "private_zone" {
  count  = local.nat_per_zone ? 2 : 0
  vpc_id = aws_vpc.this.id
  tags   = merge(var.tags, { Name = "${var.name}-private-${var.availability_zones[count.index]}" })
}

resource "aws_route_table_association" "private" {
  count          = 2
  subnet_id      = aws_subnet.private[count.index].id
  route_table_id = local.nat_per_zone ? aws_route_table.private_zone[count.index].id : aws_route_table.private.id
}

resource "aws_vpc_endpoint" "s3" {
  vpc_id            = aws_vpc.this.id
  service_name      = "com.amazonaws.${data.aws_region.current.name}.s3"
  vpc_endpoint_type = "Gateway"
  route_table_ids   = concat([aws_route_table.private.id], aws_route_table.private_zone[*].id)
  tags              = merge(var.tags, { Name = "${var.name}-s3" })
}

# Optional internet egress: public subnets from a second range of the VPC (the private subnets keep theirs), an internet
# gateway, and one NAT gateway (single) or one per zone (per_zone). Nothing in the private subnets gets a public address.
locals {
  nat_count    = var.internet_egress == "none" ? 0 : (var.internet_egress == "single" ? 1 : 2)
  nat_per_zone = var.internet_egress == "per_zone"
  public_cidrs = var.internet_egress == "none" ? [] : cidrsubnets(var.public_cidr_block, 1, 1)
}

resource "aws_vpc_ipv4_cidr_block_association" "public" {
  count      = local.nat_count > 0 ? 1 : 0
  vpc_id     = aws_vpc.this.id
  cidr_block = var.public_cidr_block
}

resource "aws_subnet" "public" {
  count                   = local.nat_count > 0 ? 2 : 0
  vpc_id                  = aws_vpc_ipv4_cidr_block_association.public[0].vpc_id
  cidr_block              = local.public_cidrs[count.index]
  availability_zone       = var.availability_zones[count.index]
  map_public_ip_on_launch = false
  tags                    = merge(var.tags, { Name = "${var.name}-public-${var.availability_zones[count.index]}" })
}

resource "aws_internet_gateway" "this" {
  count  = local.nat_count > 0 ? 1 : 0
  vpc_id = aws_vpc.this.id
  tags   = merge(var.tags, { Name = var.name })
}

resource "aws_route_table" "public" {
  count  = local.nat_count > 0 ? 1 : 0
  vpc_id = aws_vpc.this.id
  tags   = merge(var.tags, { Name = "${var.name}-public" })
}

resource "aws_route" "public_internet" {
  count                  = local.nat_count > 0 ? 1 : 0
  route_table_id         = aws_route_table.public[0].id
  destination_cidr_block = "0.0.0.0/0"
  gateway_id             = aws_internet_gateway.this[0].id
}

resource "aws_route_table_association" "public" {
  count          = local.nat_count > 0 ? 2 : 0
  subnet_id      = aws_subnet.public[count.index].id
  route_table_id = aws_route_table.public[0].id
}

resource "aws_eip" "nat" {
  count  = local.nat_count
  domain = "vpc"
  tags   = merge(var.tags, { Name = "${var.name}-nat-${var.availability_zones[count.index]}" })
}

resource "aws_nat_gateway" "this" {
  count         = local.nat_count
  allocation_id = aws_eip.nat[count.index].id
  subnet_id     = aws_subnet.public[count.index].id
  tags          = merge(var.tags, { Name = "${var.name}-${var.availability_zones[count.index]}" })

  depends_on = [aws_internet_gateway.this]
}

resource "aws_route" "private_internet" {
  count                  = local.nat_count == 1 ? 1 : 0
  route_table_id         = aws_route_table.private.id
  destination_cidr_block = "0.0.0.0/0"
  nat_gateway_id         = aws_nat_gateway.this[0].id
}

resource "aws_route" "private_zone_internet" {
  count                  = local.nat_per_zone ? 2 : 0
  route_table_id         = aws_route_table.private_zone[count.index].id
  destination_cidr_block = "0.0.0.0/0"
  nat_gateway_id         = aws_nat_gateway.this[count.index].id
}

# Workloads (notebooks, VPC-mode models): HTTPS out to the endpoints and to S3 only.
resource "aws_security_group" "workload" {
  name        = "${var.name}-workload"
  description = "SageMaker workloads: HTTPS to the VPC endpoints and S3 only"
  vpc_id      = aws_vpc.this.id
  tags        = merge(var.tags, { Name = "${var.name}-workload" })
}

# Other clients (e.g. an EKS cluster's security group) are admitted by rules added outside the module on its output
# endpoints_security_group_id.
resource "aws_security_group" "endpoints" {
  name        = "${var.name}-endpoints"
  description = "Interface endpoints: HTTPS from the workloads only"
  vpc_id      = aws_vpc.this.id
  tags        = merge(var.tags, { Name = "${var.name}-endpoints" })
}

resource "aws_vpc_security_group_egress_rule" "workload_to_endpoints" {
  security_group_id            = aws_security_group.workload.id
  description                  = "HTTPS to the interface endpoints"
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
  referenced_security_group_id = aws_security_group.endpoints.id
}

resource "aws_vpc_security_group_egress_rule" "workload_to_s3" {
  security_group_id = aws_security_group.workload.id
  description       = "HTTPS to S3 through the gateway endpoint"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  prefix_list_id    = aws_vpc_endpoint.s3.prefix_list_id
}

resource "aws_vpc_security_group_ingress_rule" "endpoints_from_workload" {
  security_group_id            = aws_security_group.endpoints.id
  description                  = "HTTPS from the workloads"
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
  referenced_security_group_id = aws_security_group.workload.id
}

resource "aws_vpc_endpoint" "interface" {
  for_each            = toset(var.interface_endpoint_services)
  vpc_id              = aws_vpc.this.id
  service_name        = "com.amazonaws.${data.aws_region.current.name}.${each.key}"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = aws_subnet.private[*].id
  security_group_ids  = [aws_security_group.endpoints.id]
  private_dns_enabled = true
  tags                = merge(var.tags, { Name = "${var.name}-${replace(each.key, ".", "-")}" })
}

# VPC flow logs: every accepted and rejected connection of the VPC, to a CloudWatch Logs group encrypted with the given
# key and kept for the given retention, delivered by a role that may write to that group only.
data "aws_partition" "current" {}
data "aws_caller_identity" "current" {}

locals {
  flow_logs_on    = var.flow_logs != null
  flow_log_prefix = "arn:${data.aws_partition.current.partition}:logs:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}"
  # The group's ARN built from its name, so the delivery policy is known at plan time.
  flow_log_group_arn = local.flow_logs_on ? "${local.flow_log_prefix}:log-group:${var.flow_logs.log_group_name}" : null
}

resource "aws_cloudwatch_log_group" "flow_logs" {
  count             = local.flow_logs_on ? 1 : 0
  name              = var.flow_logs.log_group_name
  retention_in_days = var.flow_logs.retention_in_days
  kms_key_id        = var.flow_logs.kms_key_arn
  tags              = merge(var.tags, { Name = "${var.name}-flow-logs" })
}

# Confused-deputy protection: the flow logs service may assume the role only for this account's flow logs.
data "aws_iam_policy_document" "flow_logs_trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["vpc-flow-logs.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = ["arn:${data.aws_partition.current.partition}:ec2:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:vpc-flow-log/*"]
    }
  }
}

resource "aws_iam_role" "flow_logs" {
  count              = local.flow_logs_on ? 1 : 0
  name               = "${var.name}-flow-logs"
  description        = "Delivers the flow logs of VPC ${var.name} to its log group"
  assume_role_policy = data.aws_iam_policy_document.flow_logs_trust.json
  tags               = var.tags
}

data "aws_iam_policy_document" "flow_logs" {
  count = local.flow_logs_on ? 1 : 0
  statement {
    sid       = "WriteFlowLogGroup"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"]
    resources = [local.flow_log_group_arn, "${local.flow_log_group_arn}:log-stream:*"]
  }
  # The delivery checks that its group exists; DescribeLogGroups lists groups of the account and region only.
  statement {
    sid       = "FindFlowLogGroup"
    actions   = ["logs:DescribeLogGroups"]
    resources = ["${local.flow_log_prefix}:log-group:*"]
  }
}

resource "aws_iam_role_policy" "flow_logs" {
  count  = local.flow_logs_on ? 1 : 0
  name   = "write-flow-logs"
  role   = aws_iam_role.flow_logs[0].id
  policy = data.aws_iam_policy_document.flow_logs[0].json
}

resource "aws_flow_log" "this" {
  count                    = local.flow_logs_on ? 1 : 0
  vpc_id                   = aws_vpc.this.id
  traffic_type             = var.flow_logs.traffic_type
  log_destination_type     = "cloud-watch-logs"
  log_destination          = aws_cloudwatch_log_group.flow_logs[0].arn
  iam_role_arn             = aws_iam_role.flow_logs[0].arn
  max_aggregation_interval = var.flow_logs.max_aggregation_interval
  tags                     = merge(var.tags, { Name = "${var.name}-flow-logs" })

  # Delivery starts at creation: the role must be able to write by then.
  depends_on = [aws_iam_role_policy.flow_logs]
}
