# The key of the keyed hashes that turn e-mail and IP addresses into document ids (HASH_PEPPER,
# functions/src/shared/keyed-hash.ts). A deployed function without it refuses to start. Add the
# version out of band, never through Terraform (it would sit in the state), e.g.
#   openssl rand -base64 48 | tr -d '\n' | gcloud secrets versions add hash-pepper --data-file=-
# Changing it re-keys velocity counters, known-bad markers and AML customer days (they restart).
resource "google_secret_manager_secret" "hash_pepper" {
  secret_id = "hash-pepper"
  replication {
    auto {}
  }
  depends_on = [google_project_service.apis]
}

# Readable by the runtime identities that list "hash-pepper" (runtime-identities.ts).
resource "google_secret_manager_secret_iam_member" "hash_pepper" {
  for_each  = toset(local.secret_readers["hash-pepper"])
  secret_id = google_secret_manager_secret.hash_pepper.id
  role      = "roles/secretmanager.secretAccessor"
  member    = local.runtime_member[each.key]
}
