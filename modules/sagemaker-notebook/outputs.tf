output "url" {
  description = "The notebook's URL (open it through the console or aws sagemaker create-presigned-notebook-instance-url)."
  value       = local.instance.url
}

output "name" {
  description = "The notebook instance's name."
  value       = local.instance.name
}

output "arn" {
  description = "The notebook instance's ARN."
  value       = local.instance.arn
}

output "role_arn" {
  description = "The notebook's execution role."
  value       = aws_iam_role.notebook.arn
}

output "protected" {
  description = "Whether destroy is refused (lifecycle.prevent_destroy)."
  value       = var.prevent_destroy
}

output "role_policy" {
  description = "The execution role's inline policy (JSON), for review."
  value       = aws_iam_role_policy.notebook.policy
}
