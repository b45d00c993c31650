output "vpc_id" {
  description = "The VPC's id."
  value       = aws_vpc.this.id
}

output "private_subnet_ids" {
  description = "The two private subnets (one per availability zone), for VPC-mode models and notebooks."
  value       = aws_subnet.private[*].id
}

output "workload_security_group_id" {
  description = "The security group of workloads: HTTPS to the VPC endpoints and S3 only."
  value       = aws_security_group.workload.id
}

output "vpc_cidr_block" {
  description = "The VPC's primary IPv4 range (the private subnets')."
  value       = aws_vpc.this.cidr_block
}

output "endpoints_security_group_id" {
  description = "The interface endpoints' security group: add HTTPS ingress rules for other clients (e.g. an EKS cluster's security group)."
  value       = aws_security_group.endpoints.id
}

output "public_subnet_ids" {
  description = "The public subnets of the NAT gateways (empty without internet egress)."
  value       = aws_subnet.public[*].id
}

output "nat_gateway_ids" {
  description = "The NAT gateways (empty without internet egress)."
  value       = aws_nat_gateway.this[*].id
}

output "s3_endpoint_id" {
  description = "The S3 gateway endpoint (e.g. for an aws:SourceVpce bucket policy condition)."
  value       = aws_vpc_endpoint.s3.id
}

output "interface_endpoint_ids" {
  description = "Interface endpoint ids by service (sagemaker.api, sagemaker.runtime, ...)."
  value       = { for service, endpoint in aws_vpc_endpoint.interface : service => endpoint.id }
}

output "flow_logs" {
  description = "The flow log and its destination (null without flow logs): flow log id, traffic type, the log group's name, ARN, key and retention, the delivery role and its policy."
  value = local.flow_logs_on ? {
    flow_log_id       = aws_flow_log.this[0].id
    traffic_type      = aws_flow_log.this[0].traffic_type
    log_destination   = aws_flow_log.this[0].log_destination
    iam_role_arn      = aws_flow_log.this[0].iam_role_arn
    log_group_name    = aws_cloudwatch_log_group.flow_logs[0].name
    log_group_arn     = aws_cloudwatch_log_group.flow_logs[0].arn
    kms_key_id        = aws_cloudwatch_log_group.flow_logs[0].kms_key_id
    retention_in_days = aws_cloudwatch_log_group.flow_logs[0].retention_in_days
    role_arn          = aws_iam_role.flow_logs[0].arn
    role_policy       = aws_iam_role_policy.flow_logs[0].policy
  } : null
}
