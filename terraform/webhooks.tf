# Merchant webhooks: the key that seals the endpoints' signing secrets, and who may use it.
# A key of its own rather than the personal-data key: the webhooks group must open signing secrets on
# every delivery, and must never be able to open a KYC envelope (nor the identity group a signing secret).

resource "google_kms_crypto_key" "webhook_secrets" {
  name            = "webhook-secrets"
  key_ring        = google_kms_key_ring.fields.id
  purpose         = "ENCRYPT_DECRYPT"
  rotation_period = "7776000s" # 90 days; old versions stay enabled so secrets sealed earlier still open

  lifecycle {
    prevent_destroy = true
  }
}

locals {
  webhook_key_users = { for name, i in var.runtime_identities : name => i if i.webhook_key }
}

# Only the webhooks group (runtime-identities.ts: webhookKey) may seal or open signing secrets.
resource "google_kms_crypto_key_iam_member" "runtime_webhook_secrets" {
  for_each      = local.webhook_key_users
  crypto_key_id = google_kms_crypto_key.webhook_secrets.id
  role          = "roles/cloudkms.cryptoKeyEncrypterDecrypter"
  member        = local.runtime_member[each.key]
}
