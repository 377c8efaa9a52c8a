output "gateway_url" {
  description = "Public base URL of the merchant API."
  value       = "https://${google_api_gateway_gateway.payments.default_hostname}"
}

output "function_urls" {
  description = "Direct URL of each function by catalogue name (IAM-protected; clients go through the gateway)."
  value       = { for name, fn in google_cloudfunctions2_function.fn : name => fn.service_config[0].uri }
}

output "task_queue_ids" {
  description = "Cloud Tasks queue ids by queue name."
  value       = { for name, q in google_cloud_tasks_queue.queues : name => q.id }
}

output "pubsub_topic_ids" {
  description = "Pub/Sub topic ids by topic name."
  value       = { for name, t in google_pubsub_topic.topics : name => t.id }
}

output "scheduler_job_ids" {
  description = "Cloud Scheduler job ids by job name."
  value       = { for name, j in google_cloud_scheduler_job.jobs : name => j.id }
}

output "service_accounts" {
  description = "Identities: runtime of each function group, and the callers allowed to invoke them."
  value = {
    runtime   = { for name, sa in google_service_account.runtime : name => sa.email }
    tasks     = google_service_account.tasks.email
    scheduler = google_service_account.scheduler.email
    events    = google_service_account.events.email
    gateway   = google_service_account.gateway.email
  }
}

output "functions_source_bucket" {
  description = "Bucket holding the zipped functions bundle."
  value       = google_storage_bucket.source.name
}

output "field_encryption_key_ring" {
  description = "KMS key ring reserved for field-level encryption."
  value       = google_kms_key_ring.fields.id
}

output "firestore_database" {
  description = "Firestore database name."
  value       = google_firestore_database.main.name
}

output "pubsub_subscription_ids" {
  description = "Filtered push subscription ids by function name (Pub/Sub functions only)."
  value       = { for name, s in google_pubsub_subscription.push : name => s.id }
}
