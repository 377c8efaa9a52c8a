# Firestore: database, indexes and TTL from firestore.indexes.json (shared with `firebase deploy`),
# rules from firestore.rules. Neither file is duplicated here.

locals {
  firestore_config = jsondecode(file("${path.module}/../firestore.indexes.json"))
  all_indexes = {
    for idx in local.firestore_config.indexes :
    join("-", concat([idx.collectionGroup], [for f in idx.fields : "${f.fieldPath}.${lower(try(f.order, f.arrayConfig))}"])) => idx
  }
  # audit_log lives in the audit database (audit.tf): its indexes and field overrides are created there.
  audit_collection          = "audit_log"
  firestore_indexes         = local.all_indexes
  firestore_field_overrides = { for o in local.firestore_config.fieldOverrides : "${o.collectionGroup}.${o.fieldPath}" => o }
}

resource "google_firestore_database" "main" {
  name                              = "(default)"
  location_id                       = var.firestore_location
  type                              = "FIRESTORE_NATIVE"
  point_in_time_recovery_enablement = "POINT_IN_TIME_RECOVERY_ENABLED"
  delete_protection_state           = "DELETE_PROTECTION_ENABLED"
  deletion_policy                   = "ABANDON"
  depends_on                        = [google_project_service.apis]
}

resource "google_firestore_index" "composite" {
  for_each    = local.firestore_indexes
  database    = each.value.collectionGroup == local.audit_collection ? google_firestore_database.audit.name : google_firestore_database.main.name
  collection  = each.value.collectionGroup
  query_scope = try(each.value.queryScope, "COLLECTION")

  dynamic "fields" {
    for_each = each.value.fields
    content {
      field_path   = fields.value.fieldPath
      order        = try(fields.value.order, null)
      array_config = try(fields.value.arrayConfig, null)
    }
  }
}

resource "google_firestore_field" "overrides" {
  for_each   = local.firestore_field_overrides
  database   = each.value.collectionGroup == local.audit_collection ? google_firestore_database.audit.name : google_firestore_database.main.name
  collection = each.value.collectionGroup
  field      = each.value.fieldPath

  # An empty index_config exempts the field from single-field indexing (TTL fields, large blobs).
  index_config {
    dynamic "indexes" {
      for_each = each.value.indexes
      content {
        query_scope  = try(indexes.value.queryScope, "COLLECTION")
        order        = try(indexes.value.order, null)
        array_config = try(indexes.value.arrayConfig, null)
      }
    }
  }

  dynamic "ttl_config" {
    for_each = try(each.value.ttl, false) ? [true] : []
    content {}
  }
}

resource "google_firebaserules_ruleset" "firestore" {
  source {
    files {
      name    = "firestore.rules"
      content = file("${path.module}/../firestore.rules")
    }
  }
  depends_on = [google_firestore_database.main]
}

resource "google_firebaserules_release" "firestore" {
  name         = "cloud.firestore"
  ruleset_name = "projects/${var.project_id}/rulesets/${google_firebaserules_ruleset.firestore.name}"

  lifecycle {
    replace_triggered_by = [google_firebaserules_ruleset.firestore]
  }
}
