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

output "s3_endpoint_id" {
  description = "The S3 gateway endpoint (e.g. for an aws:SourceVpce bucket policy condition)."
  value       = aws_vpc_endpoint.s3.id
}

output "interface_endpoint_ids" {
  description = "Interface endpoint ids by service (sagemaker.api, sagemaker.runtime, ...)."
  value       = { for service, endpoint in aws_vpc_endpoint.interface : service => endpoint.id }
}
