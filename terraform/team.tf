# Firebase Auth for the functions (functions/src/catalogue/runtime-identities.ts: firebaseAuth).
# - verify: groups that serve routes taking a team member's or app user's ID token check it with
#   revocation (the Admin SDK reads the user record): roles/firebaseauth.viewer.
# - admin: only the team group sets custom claims (merchant_id, role, livemode, customer_id) and
#   revokes removed members' sessions: roles/firebaseauth.admin.
locals {
  firebase_auth_viewers = { for name, i in var.runtime_identities : name => i if i.firebase_auth == "verify" }
  firebase_auth_admins  = { for name, i in var.runtime_identities : name => i if i.firebase_auth == "admin" }
}

resource "google_project_iam_member" "runtime_firebase_auth_viewer" {
  for_each = local.firebase_auth_viewers
  project  = var.project_id
  role     = "roles/firebaseauth.viewer"
  member   = local.runtime_member[each.key]
}

resource "google_project_iam_member" "runtime_firebase_auth_admin" {
  for_each = local.firebase_auth_admins
  project  = var.project_id
  role     = "roles/firebaseauth.admin"
  member   = local.runtime_member[each.key]
}
