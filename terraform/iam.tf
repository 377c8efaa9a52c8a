# Identities: one runtime service account per function group (generated from
# functions/src/catalogue/runtime-identities.ts into var.runtime_identities) holding only what that
# group needs, and one invoker identity per kind of caller, so each function can be invoked only by
# what is meant to call it.

locals {
  main_database  = "projects/${var.project_id}/databases/${google_firestore_database.main.name}"
  audit_database = "projects/${var.project_id}/databases/${google_firestore_database.audit.name}"
  runtime_member = { for name, sa in google_service_account.runtime : name => "serviceAccount:${sa.email}" }

  # Identities by capability, for the grants below.
  firestore_users = { for name, i in var.runtime_identities : name => i if i.firestore == "read-write" }
  audit_appenders = { for name, i in var.runtime_identities : name => i if i.audit == "append" }
  audit_readers   = { for name, i in var.runtime_identities : name => i if i.audit == "read" }
  kms_users       = { for name, i in var.runtime_identities : name => i if i.kms }
  enqueuers       = { for name, i in var.runtime_identities : name => i if i.enqueue }
  publishers = {
    for pair in setproduct([for name, i in var.runtime_identities : name if i.publish], var.pubsub_topics) :
    "${pair[0]}/${pair[1]}" => { identity = pair[0], topic = pair[1] }
  }
  queue_enqueuers = {
    for pair in setproduct(keys(local.enqueuers), keys(var.task_queues)) :
    "${pair[0]}/${pair[1]}" => { identity = pair[0], queue = pair[1] }
  }
  secret_readers = { for secret in [
    "hash-pepper", "processor-api-keys", "processor-test-api-key", "identity-vendor-webhook-secrets",
    "bank-api-keys", "bank-test-api-key", "bank-webhook-secrets", "fx-api-keys",
    ] :
    secret => [for name, i in var.runtime_identities : name if contains(i.secrets, secret)]
  }
}

resource "google_service_account" "runtime" {
  for_each     = var.runtime_identities
  account_id   = "pay-fn-${each.key}"
  display_name = "Payments functions (${each.key})"
  description  = each.value.description
}

resource "google_service_account" "tasks" {
  account_id   = "payments-tasks-invoker"
  display_name = "Cloud Tasks OIDC identity (invokes task functions)"
}

resource "google_service_account" "scheduler" {
  account_id   = "payments-scheduler-invoker"
  display_name = "Cloud Scheduler OIDC identity (invokes schedule functions)"
}

resource "google_service_account" "events" {
  account_id   = "payments-events-invoker"
  display_name = "Pub/Sub push OIDC identity (invokes event functions)"
}

resource "google_service_account" "gateway" {
  account_id   = "payments-gateway"
  display_name = "API Gateway backend identity (invokes HTTP functions)"
}

resource "google_project_iam_member" "runtime_log_writer" {
  for_each = var.runtime_identities
  project  = var.project_id
  role     = "roles/logging.logWriter"
  member   = local.runtime_member[each.key]
}

# ---- Firestore: the operational database read-write, the audit database create-only ----
# Firestore IAM is per database (an IAM condition on the database's resource name), not per
# collection, hence the separate audit database (firestore.tf / audit.tf).

resource "google_project_iam_member" "runtime_firestore" {
  for_each = local.firestore_users
  project  = var.project_id
  role     = "roles/datastore.user"
  member   = local.runtime_member[each.key]
  condition {
    title       = "operational-database-only"
    description = "Read-write on the operational database; no rights on the audit database."
    expression  = "resource.name == \"${local.main_database}\" || resource.name.startsWith(\"${local.main_database}/\")"
  }
}

# Create without update or delete: Firestore refuses a write that would change or remove an existing
# document (a create() of an existing id fails ALREADY_EXISTS; set/update/delete are PERMISSION_DENIED).
resource "google_project_iam_custom_role" "audit_appender" {
  role_id     = "paymentsAuditAppender"
  title       = "Payments audit log appender"
  description = "Create documents in the audit database; never update or delete them."
  permissions = ["datastore.databases.get", "datastore.databases.getMetadata", "datastore.entities.create"]
}

resource "google_project_iam_member" "runtime_audit_append" {
  for_each = local.audit_appenders
  project  = var.project_id
  role     = google_project_iam_custom_role.audit_appender.id
  member   = local.runtime_member[each.key]
  condition {
    title       = "audit-database-only"
    description = "Append to the audit database."
    expression  = "resource.name == \"${local.audit_database}\" || resource.name.startsWith(\"${local.audit_database}/\")"
  }
}

resource "google_project_iam_member" "runtime_audit_read" {
  for_each = local.audit_readers
  project  = var.project_id
  role     = "roles/datastore.viewer"
  member   = local.runtime_member[each.key]
  condition {
    title       = "audit-database-read"
    description = "Read the audit database (staff audit log)."
    expression  = "resource.name == \"${local.audit_database}\" || resource.name.startsWith(\"${local.audit_database}/\")"
  }
}

# ---- Pub/Sub and Cloud Tasks: per topic and per queue, not project-wide ----

resource "google_pubsub_topic_iam_member" "runtime_publisher" {
  for_each = local.publishers
  topic    = google_pubsub_topic.topics[each.value.topic].id
  role     = "roles/pubsub.publisher"
  member   = local.runtime_member[each.value.identity]
}

resource "google_cloud_tasks_queue_iam_member" "runtime_enqueuer" {
  for_each = local.queue_enqueuers
  name     = google_cloud_tasks_queue.queues[each.value.queue].id
  location = var.region
  role     = "roles/cloudtasks.enqueuer"
  member   = local.runtime_member[each.value.identity]
}

# Tasks carry an OIDC token for the tasks identity, which needs actAs, granted only to enqueuers.
resource "google_service_account_iam_member" "runtime_acts_as_tasks" {
  for_each           = local.enqueuers
  service_account_id = google_service_account.tasks.name
  role               = "roles/iam.serviceAccountUser"
  member             = local.runtime_member[each.key]
}

# Each push carries an OIDC token for the events identity (which holds roles/run.invoker on the event
# functions, see main.tf); the Pub/Sub service agent mints it. Projects created before April 2021 lack
# this grant by default.
data "google_project" "this" {}

resource "google_project_iam_member" "pubsub_token_creator" {
  project = var.project_id
  role    = "roles/iam.serviceAccountTokenCreator"
  member  = "serviceAccount:service-${data.google_project.this.number}@gcp-sa-pubsub.iam.gserviceaccount.com"
}
