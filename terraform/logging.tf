# Log retention and audit logs (PCI DSS 10.5.1: audit log history kept at least 12 months).

# Everything not routed elsewhere, function logs included, kept 12 months instead of 30 days.
resource "google_logging_project_bucket_config" "default" {
  project        = var.project_id
  location       = "global"
  bucket_id      = "_Default"
  retention_days = 365
}

# Cloud Audit Logs (admin activity and the data access logs turned on below) and the functions'
# logs also go to a locked bucket: its retention can never be shortened and it cannot be deleted
# while it holds logs younger than that.
resource "google_logging_project_bucket_config" "security" {
  project        = var.project_id
  location       = "global"
  bucket_id      = "security-audit-logs"
  retention_days = 400
  locked         = var.compliance_retention_locked
  description    = "Audit and function logs kept 400 days (PCI DSS 10.5.1), locked."
}

resource "google_logging_project_sink" "security" {
  name                   = "security-audit-logs"
  destination            = "logging.googleapis.com/${google_logging_project_bucket_config.security.id}"
  filter                 = "logName:\"cloudaudit.googleapis.com\" OR resource.type=\"cloud_run_revision\" OR resource.type=\"cloud_function\""
  unique_writer_identity = true
}

resource "google_project_iam_member" "security_sink_writer" {
  project = var.project_id
  role    = "roles/logging.bucketWriter"
  member  = google_logging_project_sink.security.writer_identity
}

# Data access audit logs (off by default): who read or wrote which Firestore document, who used the
# personal-data key, who read a secret. Firestore reports under both service names.
resource "google_project_iam_audit_config" "data_access" {
  for_each = toset(["datastore.googleapis.com", "firestore.googleapis.com", "cloudkms.googleapis.com", "secretmanager.googleapis.com"])
  project  = var.project_id
  service  = each.value

  audit_log_config {
    log_type = "ADMIN_READ"
  }
  audit_log_config {
    log_type = "DATA_READ"
  }
  audit_log_config {
    log_type = "DATA_WRITE"
  }
}

# ---- Alert: the sanctions list is stale ----
# refresh-sanctions-list logs an ERROR with message sanctions.list_stale when the OFAC list is older
# than SANCTIONS_MAX_AGE_HOURS (refresh-sanctions-list.command.ts); one such line opens an incident.

resource "google_logging_metric" "sanctions_list_stale" {
  name   = "sanctions_list_stale"
  filter = "severity>=ERROR AND jsonPayload.message=\"sanctions.list_stale\""
  metric_descriptor {
    metric_kind = "DELTA"
    value_type  = "INT64"
    unit        = "1"
  }
}

resource "google_monitoring_alert_policy" "sanctions_list_stale" {
  display_name          = "Sanctions list is stale"
  combiner              = "OR"
  notification_channels = var.alert_notification_channels

  conditions {
    display_name = "sanctions.list_stale logged"
    condition_threshold {
      filter          = "metric.type=\"logging.googleapis.com/user/${google_logging_metric.sanctions_list_stale.name}\" AND resource.type=\"cloud_run_revision\""
      comparison      = "COMPARISON_GT"
      threshold_value = 0
      duration        = "0s"
      aggregations {
        alignment_period     = "300s"
        per_series_aligner   = "ALIGN_SUM"
        cross_series_reducer = "REDUCE_SUM"
      }
    }
  }

  documentation {
    content   = "The OFAC list the functions screen against is older than allowed. Check the refresh-sanctions-list schedule and the sanctions list bucket; screening keeps using the last list it has."
    mime_type = "text/markdown"
  }
}
