# The audit trail: a separate Firestore database that only the audit relay can append to, and a daily
# export of the compliance records into a bucket whose retention lock keeps every export for five
# years (BSA record keeping), even from the project's owners.
#
# How entries get there: a Firestore transaction cannot span databases, so each change commits its
# audit entry into the operational database's audit_outbox, and relay-audit-log (every minute) creates
# it in this database's audit_log and then removes it from the outbox.
#
# What IAM guarantees (iam.tf): only the audit-relay identity holds, on the "audit" database, a custom
# role with datastore.entities.create and no update or delete permission; the staff API reads it; no
# other identity has any right on it (their datastore.user grant is conditioned on "(default)"). Once
# archived, an entry cannot be changed or removed by any function. People with project-level Firestore
# admin rights still can, within the database; the locked exports make such a change detectable and
# the earlier state recoverable, for five years.

resource "google_firestore_database" "audit" {
  name                              = "audit"
  location_id                       = var.firestore_location
  type                              = "FIRESTORE_NATIVE"
  point_in_time_recovery_enablement = "POINT_IN_TIME_RECOVERY_ENABLED"
  delete_protection_state           = "DELETE_PROTECTION_ENABLED"
  deletion_policy                   = "ABANDON"
  depends_on                        = [google_project_service.apis]
}

locals {
  # 5 years, two leap days included; exports are deleted by the lifecycle rule a day after they may be.
  compliance_retention_seconds = 1827 * 24 * 60 * 60

  # Daily exports: the AML reports of the operational database and the whole audit database.
  # Collection names: functions/src/compliance/application/compliance.store.ts.
  compliance_exports = {
    operational = { database = google_firestore_database.main.name, collection_ids = ["aml_reports"] }
    audit       = { database = google_firestore_database.audit.name, collection_ids = [] }
  }
}

resource "google_storage_bucket" "compliance_exports" {
  name                        = "${var.project_id}-compliance-exports"
  location                    = var.region
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"

  # Once locked, no object can be deleted or replaced before it is 5 years old and the policy can
  # never be shortened or removed; the bucket cannot be deleted while it holds such objects.
  retention_policy {
    retention_period = local.compliance_retention_seconds
    is_locked        = var.compliance_retention_locked
  }

  lifecycle_rule {
    condition {
      age = 90
    }
    action {
      type          = "SetStorageClass"
      storage_class = "ARCHIVE"
    }
  }

  lifecycle_rule {
    condition {
      age = 1828
    }
    action {
      type = "Delete"
    }
  }

  lifecycle {
    prevent_destroy = true
  }
}

# Runs the exports: may start Firestore exports, nothing else.
resource "google_service_account" "exporter" {
  account_id   = "payments-compliance-exporter"
  display_name = "Scheduled Firestore export of the compliance records"
}

resource "google_project_iam_member" "exporter" {
  project = var.project_id
  role    = "roles/datastore.importExportAdmin"
  member  = "serviceAccount:${google_service_account.exporter.email}"
}

# The Firestore service agent writes the export files: create and list, no delete.
resource "google_storage_bucket_iam_member" "firestore_agent_export" {
  for_each = toset(["roles/storage.objectCreator", "roles/storage.legacyBucketReader"])
  bucket   = google_storage_bucket.compliance_exports.name
  role     = each.value
  member   = "serviceAccount:service-${data.google_project.this.number}@gcp-sa-firestore.iam.gserviceaccount.com"
}

resource "google_cloud_scheduler_job" "compliance_export" {
  for_each         = local.compliance_exports
  name             = "export-${each.key}-compliance-records"
  region           = var.region
  schedule         = "23 2 * * *"
  time_zone        = "Etc/UTC"
  attempt_deadline = "180s"

  retry_config {
    retry_count          = 3
    min_backoff_duration = "300s"
  }

  http_target {
    http_method = "POST"
    uri         = "https://firestore.googleapis.com/v1/projects/${var.project_id}/databases/${each.value.database}:exportDocuments"
    headers     = { "Content-Type" = "application/json" }
    # A bare bucket: Firestore names each export after its start time, so no export replaces another.
    body = base64encode(jsonencode(merge(
      { outputUriPrefix = "gs://${google_storage_bucket.compliance_exports.name}" },
      length(each.value.collection_ids) > 0 ? { collectionIds = each.value.collection_ids } : {},
    )))
    oauth_token {
      service_account_email = google_service_account.exporter.email
      scope                 = "https://www.googleapis.com/auth/datastore"
    }
  }

  depends_on = [google_project_service.apis, google_project_iam_member.exporter, google_storage_bucket_iam_member.firestore_agent_export]
}
