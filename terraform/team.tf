# Firebase Auth for the functions (functions/src/catalogue/runtime-identities.ts: firebaseAuth).
# - verify: groups that serve routes taking a team member's or app user's ID token check it with
#   revocation (the Admin SDK reads the user record): roles/firebaseauth.viewer.
# - admin: only the team group sets custom claims (merchant_id, role, livemode, customer_id) and
#   revokes removed members' sessions: roles/firebaseauth.admin.
locals {
  firebase_auth_roles = { verify = "roles/firebaseauth.viewer", admin = "roles/firebaseauth.admin" }
  firebase_auth_users = { for name, i in var.runtime_identities : name => local.firebase_auth_roles[i.firebase_auth] if i.firebase_auth != "none" }
}

resource "google_project_iam_member" "runtime_firebase_auth" {
  for_each = local.firebase_auth_users
  project  = var.project_id
  role     = each.value
  member   = local.runtime_member[each.key]
}
