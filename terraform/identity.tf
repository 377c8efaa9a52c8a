# Identity vendor configuration (KYB/KYC), set only on the functions whose runtime identity has
# identity_vendor = true (runtime-identities.ts). Without it every verification answered 500 as
# deployed: the functions read these at first use (identity.deps.ts, identity-vendor-modes.config.ts).

locals {
  identity_env = merge(
    {
      # Test verifications go only to the vendor's sandbox: its host must be loopback or listed in
      # IDENTITY_VENDOR_SANDBOX_HOSTS, or the functions refuse to start.
      IDENTITY_VENDOR_TEST_URL      = var.identity_vendor_test_url
      IDENTITY_VENDOR_SANDBOX_HOSTS = var.identity_vendor_sandbox_hosts
      # Where the vendor posts its signed results: the public API (gateway or custom domain).
      IDENTITY_WEBHOOK_URL = "${trimsuffix(var.public_api_base_url, "/")}/v1/webhooks/identity-vendor"
    },
    # Absent: live verifications (live KYB, end-user KYC) wait; they never reach the sandbox.
    var.identity_vendor_live_url == null ? {} : { IDENTITY_VENDOR_LIVE_URL = var.identity_vendor_live_url },
  )
}

# The webhook's HMAC secrets, comma-separated, newest first (IDENTITY_VENDOR_WEBHOOK_SECRETS): during a
# rotation add a version "new,old", later one with "new" only. Add versions out of band, e.g.
#   printf %s "$SECRET" | gcloud secrets versions add identity-vendor-webhook-secrets --data-file=-
# Only the runtime identities listing "identity-vendor-webhook-secrets" (the webhook) may read it.
resource "google_secret_manager_secret" "identity_vendor_webhook_secrets" {
  secret_id = "identity-vendor-webhook-secrets"
  replication {
    auto {}
  }
  depends_on = [google_project_service.apis]
}

resource "google_secret_manager_secret_iam_member" "identity_vendor_webhook_secrets" {
  for_each  = toset(local.secret_readers["identity-vendor-webhook-secrets"])
  secret_id = google_secret_manager_secret.identity_vendor_webhook_secrets.id
  role      = "roles/secretmanager.secretAccessor"
  member    = local.runtime_member[each.key]
}
