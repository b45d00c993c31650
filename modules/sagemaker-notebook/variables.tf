variable "name" {
  description = "The notebook instance's name (also names its role and lifecycle configuration)."
  type        = string
  validation {
    condition     = can(regex("^[a-zA-Z0-9](-?[a-zA-Z0-9]){0,51}$", var.name))
    error_message = "name must be 1 to 52 letters, digits and single hyphens (SageMaker allows 63; the role name adds a suffix)."
  }
}

variable "instance_type" {
  description = "The notebook's ML instance type."
  type        = string
  default     = "ml.t3.medium"
  validation {
    condition     = can(regex("^ml\\.[a-z0-9]+\\.[a-z0-9]+$", var.instance_type))
    error_message = "instance_type must be an ML instance type, e.g. ml.t3.medium."
  }
}

variable "volume_size_gb" {
  description = "The notebook's storage volume in GB (5 to 16384)."
  type        = number
  default     = 20
  validation {
    condition     = var.volume_size_gb >= 5 && var.volume_size_gb <= 16384
    error_message = "volume_size_gb must be between 5 and 16384."
  }
}

variable "subnet_id" {
  description = "The private subnet the notebook's network interface lives in (no direct internet access)."
  type        = string
}

variable "security_group_ids" {
  description = "Security groups of the notebook's network interface."
  type        = list(string)
  validation {
    condition     = length(var.security_group_ids) > 0
    error_message = "security_group_ids must name at least one security group."
  }
}

variable "kms_key_arn" {
  description = "The KMS key encrypting the notebook's storage volume."
  type        = string
  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/.+$", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)."
  }
}

variable "artifact_bucket_arn" {
  description = "The model artifact bucket the notebook reads (and writes under notebooks/)."
  type        = string
}

variable "artifact_key_arn" {
  description = "The KMS key of the artifact bucket (decrypt and generate data keys through S3 only); null for a bucket with S3 managed encryption (SSE-S3), which needs no key grant."
  type        = string
  default     = null
}

variable "idle_minutes" {
  description = "Minutes without Jupyter kernel or terminal activity after which the lifecycle configuration stops the notebook."
  type        = number
  default     = 60
  validation {
    condition     = var.idle_minutes >= 10 && var.idle_minutes <= 1440
    error_message = "idle_minutes must be between 10 and 1440 (a day)."
  }
}

variable "prevent_destroy" {
  description = <<-EOT
    Refuse destroy (prod). Terraform does not accept variables in lifecycle.prevent_destroy, so the notebook is declared
    twice, once with prevent_destroy and once without, and this flag picks which one exists.
  EOT
  type        = bool
  default     = true
}

variable "tags" {
  description = "Tags added to every resource (the provider's default_tags apply as well)."
  type        = map(string)
  default     = {}
}
