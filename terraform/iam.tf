# Identities: one runtime identity for the functions and one per kind of caller, so each function
# can be invoked only by what is meant to call it.

resource "google_service_account" "runtime" {
  account_id   = "payments-functions"
  display_name = "Payments functions runtime"
}

resource "google_service_account" "tasks" {
  account_id   = "payments-tasks-invoker"
  display_name = "Cloud Tasks and Scheduler OIDC identity (invokes task and schedule functions)"
}

resource "google_service_account" "events" {
  account_id   = "payments-events-invoker"
  display_name = "Eventarc Pub/Sub trigger identity"
}

resource "google_service_account" "gateway" {
  account_id   = "payments-gateway"
  display_name = "API Gateway backend identity (invokes HTTP functions)"
}

resource "google_project_iam_member" "runtime" {
  for_each = toset(["roles/datastore.user", "roles/pubsub.publisher", "roles/cloudtasks.enqueuer", "roles/logging.logWriter"])
  project  = var.project_id
  role     = each.value
  member   = "serviceAccount:${google_service_account.runtime.email}"
}

# The functions create tasks that carry an OIDC token for the tasks identity, which needs actAs.
resource "google_service_account_iam_member" "runtime_acts_as_tasks" {
  service_account_id = google_service_account.tasks.name
  role               = "roles/iam.serviceAccountUser"
  member             = "serviceAccount:${google_service_account.runtime.email}"
}

resource "google_project_iam_member" "events_receiver" {
  project = var.project_id
  role    = "roles/eventarc.eventReceiver"
  member  = "serviceAccount:${google_service_account.events.email}"
}

# Projects created before April 2021 need this for Pub/Sub to mint push tokens for Eventarc.
data "google_project" "this" {}

resource "google_project_iam_member" "pubsub_token_creator" {
  project = var.project_id
  role    = "roles/iam.serviceAccountTokenCreator"
  member  = "serviceAccount:service-${data.google_project.this.number}@gcp-sa-pubsub.iam.gserviceaccount.com"
}
