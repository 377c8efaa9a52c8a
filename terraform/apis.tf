# The Google APIs the deployment uses (Identity Toolkit: Firebase Auth for team members and app users).
resource "google_project_service" "apis" {
  for_each = toset([
    "apigateway.googleapis.com", "artifactregistry.googleapis.com", "cloudbuild.googleapis.com",
    "cloudfunctions.googleapis.com", "cloudkms.googleapis.com", "cloudscheduler.googleapis.com",
    "cloudtasks.googleapis.com", "firebaserules.googleapis.com", "identitytoolkit.googleapis.com",
    "firestore.googleapis.com", "iam.googleapis.com", "pubsub.googleapis.com", "run.googleapis.com",
    "logging.googleapis.com", "monitoring.googleapis.com", "storage.googleapis.com",
    "servicecontrol.googleapis.com", "servicemanagement.googleapis.com", "secretmanager.googleapis.com",
  ])
  service            = each.value
  disable_on_destroy = false
}
