variable "name" {
  description = "Name prefix of every resource, e.g. mlops-prod."
  type        = string
  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,30}[a-z0-9]$", var.name))
    error_message = "name must be 2 to 32 lowercase letters, digits and hyphens, starting with a letter."
  }
}

variable "cidr_block" {
  description = "The VPC's IPv4 range (a private /16 to /24); split into one private subnet per availability zone."
  type        = string
  validation {
    condition     = can(cidrhost(var.cidr_block, 0)) && tonumber(split("/", var.cidr_block)[1]) >= 16 && tonumber(split("/", var.cidr_block)[1]) <= 24
    error_message = "cidr_block must be an IPv4 CIDR from /16 to /24, e.g. 10.40.0.0/16."
  }
}

variable "availability_zones" {
  description = "Exactly two availability zones of the provider's region (one private subnet each), e.g. [\"eu-west-1a\", \"eu-west-1b\"]."
  type        = list(string)
  validation {
    condition     = length(var.availability_zones) == 2 && length(distinct(var.availability_zones)) == 2
    error_message = "availability_zones must list two different zones: endpoints and notebooks need subnets in two zones."
  }
}

variable "interface_endpoint_services" {
  description = "AWS services reached through interface endpoints (private DNS), as the last part of com.amazonaws.<region>.<service>."
  type        = list(string)
  default     = ["sagemaker.api", "sagemaker.runtime"]
}

variable "internet_egress" {
  description = <<-EOT
    Internet egress of the private subnets: "none" (the default: no route to the internet, AWS APIs through the endpoints),
    "single" (one NAT gateway, in the first zone's public subnet: cheaper, egress lost with that zone) or "per_zone" (a NAT
    gateway per zone, each private subnet through its own zone's). NAT needs public_cidr_block.
  EOT
  type        = string
  default     = "none"
  validation {
    condition     = contains(["none", "single", "per_zone"], var.internet_egress)
    error_message = "internet_egress must be none, single or per_zone."
  }
}

variable "public_cidr_block" {
  description = "A second IPv4 range of the VPC (/16 to /27, disjoint from cidr_block) split into the two public subnets of the NAT gateways; required when internet_egress is not none, ignored otherwise."
  type        = string
  default     = null
  validation {
    condition     = var.public_cidr_block == null ? true : can(cidrhost(var.public_cidr_block, 0)) && tonumber(split("/", var.public_cidr_block)[1]) >= 16 && tonumber(split("/", var.public_cidr_block)[1]) <= 27
    error_message = "public_cidr_block must be an IPv4 CIDR from /16 to /27, e.g. 10.41.0.0/24."
  }
}

variable "tags" {
  description = "Tags added to every resource (the provider's default_tags apply as well)."
  type        = map(string)
  default     = {}
}

variable "flow_logs" {
  description = <<-EOT
    VPC flow logs to a CloudWatch Logs group; null (the default, since the group needs a key made for it) for none.
    log_group_name: the group to create; kms_key_arn: the key encrypting it, whose key policy must let
    logs.<region>.amazonaws.com use it for this group; retention_in_days: one of CloudWatch Logs' retention values
    (never-expire is not offered); traffic_type: ACCEPT, REJECT or ALL (default); max_aggregation_interval: 60 or 600
    (default) seconds.
  EOT
  type = object({
    log_group_name           = string
    kms_key_arn              = string
    retention_in_days        = number
    traffic_type             = optional(string, "ALL")
    max_aggregation_interval = optional(number, 600)
  })
  default = null
  validation {
    condition     = var.flow_logs == null ? true : can(regex("^[A-Za-z0-9_./#-]{1,512}$", var.flow_logs.log_group_name))
    error_message = "flow_logs.log_group_name must be 1 to 512 letters, digits and _-./#."
  }
  validation {
    condition     = var.flow_logs == null ? true : can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/.+$", var.flow_logs.kms_key_arn))
    error_message = "flow_logs.kms_key_arn must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)."
  }
  validation {
    condition     = var.flow_logs == null ? true : contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.flow_logs.retention_in_days)
    error_message = "flow_logs.retention_in_days must be a CloudWatch Logs retention: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653."
  }
  validation {
    condition     = var.flow_logs == null ? true : contains(["ACCEPT", "REJECT", "ALL"], var.flow_logs.traffic_type)
    error_message = "flow_logs.traffic_type must be ACCEPT, REJECT or ALL."
  }
  validation {
    condition     = var.flow_logs == null ? true : contains([60, 600], var.flow_logs.max_aggregation_interval)
    error_message = "flow_logs.max_aggregation_interval must be 60 or 600 seconds."
  }
}
