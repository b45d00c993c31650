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

variable "tags" {
  description = "Tags added to every resource (the provider's default_tags apply as well)."
  type        = map(string)
  default     = {}
}
