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
  display_name = "Pub/Sub push OIDC identity (invokes event functions)"
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

# Each push carries an OIDC token for the events identity (which holds roles/run.invoker on the event
# functions, see main.tf); the Pub/Sub service agent mints it. Projects created before April 2021 lack
# this grant by default.
data "google_project" "this" {}

resource "google_project_iam_member" "pubsub_token_creator" {
  project = var.project_id
  role    = "roles/iam.serviceAccountTokenCreator"
  member  = "serviceAccount:service-${data.google_project.this.number}@gcp-sa-pubsub.iam.gserviceaccount.com"
}
