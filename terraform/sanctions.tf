# The OFAC list bucket: fetch-sanctions-list writes OFAC's files (sdn.csv, alt.csv, add.csv and
# fetched_at under ofac/) every day; refresh-sanctions-list, the sanctions gate, the screening endpoint
# and KYC checks read them (functions/src/compliance/adapters/sanctions-list.bucket.ts). Versioned, so
# a bad download can be rolled back by hand; old versions expire after 90 days.
resource "google_storage_bucket" "sanctions_lists" {
  name                        = "${var.project_id}-sanctions-lists"
  location                    = var.region
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"

  versioning {
    enabled = true
  }

  lifecycle_rule {
    condition {
      days_since_noncurrent_time = 90
    }
    action {
      type = "Delete"
    }
  }
}

# Grants by catalogue group (runtime-identities.ts: sanctionsList): write for the compliance group, read for identity.
locals {
  sanctions_list_roles = { read = "roles/storage.objectViewer", write = "roles/storage.objectAdmin" }
  sanctions_list_users = { for name, i in var.runtime_identities : name => local.sanctions_list_roles[i.sanctions_list] if i.sanctions_list != "none" }
}

resource "google_storage_bucket_iam_member" "runtime_sanctions_lists" {
  for_each = local.sanctions_list_users
  bucket   = google_storage_bucket.sanctions_lists.name
  role     = each.value
  member   = local.runtime_member[each.key]
}
