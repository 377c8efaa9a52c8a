# Processor API keys per mode, in Secret Manager (never in a plain environment variable or in the
# Terraform state: add the versions out of band, e.g.
#   printf %s "$KEY" | gcloud secrets versions add processor-test-api-key --data-file=-
# ). The test key must start sk_test_ and the live key sk_live_; the functions check both at cold
# start. Without processor_live_url only the test secret exists and live payments are refused.
#
# The second processor (the European acquirer, issue 12) is optional: with acquirer_test_url (and
# acquirer_live_url) its URL, its ak_ key and its notification secrets reach the same functions as the
# processor's keys. Both processors sign their notifications (captures, refunds, disputes) with
# Standard Webhooks secrets of their own per mode (whsec_…, comma-separated while one is rotated).
# The platform's card vault (vault_test_url, vault_live_url; vk_ keys) describes the payment-method tokens
# for the same functions; without it the processors describe them.

locals {
  processor_modes = var.processor_live_url == null ? ["test"] : ["test", "live"]

  # Only the identities that mount the live key get the live URL: every function refuses to start with
  # one and not the other, and a function that never calls the processor (the bank webhook, payouts)
  # holds only the sandbox's key ("processor-test-api-key"), which the cold-start check needs.
  processor_live_env = var.processor_live_url == null ? {} : { PROCESSOR_LIVE_URL = var.processor_live_url }
  card_services_env = merge(
    var.acquirer_test_url == null ? {} : { ACQUIRER_TEST_URL = var.acquirer_test_url },
    var.acquirer_live_url == null ? {} : { ACQUIRER_LIVE_URL = var.acquirer_live_url },
    var.vault_test_url == null ? {} : { VAULT_TEST_URL = var.vault_test_url },
    var.vault_live_url == null ? {} : { VAULT_LIVE_URL = var.vault_live_url },
  )
  processor_env = { for name, i in var.runtime_identities : name => merge(
    contains(i.secrets, "processor-api-keys") ? local.processor_live_env : {},
    contains(i.secrets, "processor-api-keys") ? local.card_services_env : {},
  ) }

  # The processors' other secrets, by the variable that carries each: notification secrets per mode and
  # the acquirer's keys, only for what is configured.
  processor_vendor_secret_ids = merge(
    { PROCESSOR_NOTIFICATION_SECRETS = "processor-test-notification-secrets" },
    var.processor_live_url == null ? {} : { PROCESSOR_LIVE_NOTIFICATION_SECRETS = "processor-live-notification-secrets" },
    var.acquirer_test_url == null ? {} : { ACQUIRER_TEST_API_KEY = "acquirer-test-api-key" },
    var.acquirer_test_url == null ? {} : { ACQUIRER_NOTIFICATION_SECRETS = "acquirer-test-notification-secrets" },
    var.acquirer_live_url == null ? {} : { ACQUIRER_LIVE_API_KEY = "acquirer-live-api-key" },
    var.acquirer_live_url == null ? {} : { ACQUIRER_LIVE_NOTIFICATION_SECRETS = "acquirer-live-notification-secrets" },
    var.vault_test_url == null ? {} : { VAULT_TEST_API_KEY = "vault-test-api-key" },
    var.vault_live_url == null ? {} : { VAULT_LIVE_API_KEY = "vault-live-api-key" },
  )
  processor_secrets = { for name, i in var.runtime_identities : name => merge(
    contains(i.secrets, "processor-api-keys") ? { for mode in local.processor_modes : "PROCESSOR_${upper(mode)}_API_KEY" => google_secret_manager_secret.processor_api_key[mode].secret_id } : {},
    contains(i.secrets, "processor-test-api-key") ? { for mode in ["test"] : "PROCESSOR_${upper(mode)}_API_KEY" => google_secret_manager_secret.processor_api_key[mode].secret_id } : {},
    contains(i.secrets, "processor-api-keys") ? { for key, id in local.processor_vendor_secret_ids : key => google_secret_manager_secret.processor_vendor_secret[key].secret_id } : {},
  ) }
}

resource "google_secret_manager_secret" "processor_api_key" {
  for_each  = toset(local.processor_modes)
  secret_id = "processor-${each.key}-api-key"
  replication {
    auto {}
  }
  depends_on = [google_project_service.apis]
}

# Readable by the runtime identities that list "processor-api-keys" (runtime-identities.ts); the test
# key also by those that list "processor-test-api-key".
resource "google_secret_manager_secret_iam_member" "processor_api_key" {
  for_each = {
    for pair in setproduct(local.processor_modes, distinct(concat(local.secret_readers["processor-api-keys"], local.secret_readers["processor-test-api-key"]))) :
    "${pair[0]}/${pair[1]}" => { mode = pair[0], identity = pair[1] }
    if pair[0] == "test" || contains(local.secret_readers["processor-api-keys"], pair[1])
  }
  secret_id = google_secret_manager_secret.processor_api_key[each.value.mode].id
  role      = "roles/secretmanager.secretAccessor"
  member    = local.runtime_member[each.value.identity]
}

resource "google_secret_manager_secret" "processor_vendor_secret" {
  for_each  = local.processor_vendor_secret_ids
  secret_id = each.value
  replication {
    auto {}
  }
  depends_on = [google_project_service.apis]
}

# The notification secrets and the acquirer's keys: readable only by the identities that list "processor-api-keys".
resource "google_secret_manager_secret_iam_member" "processor_vendor_secret" {
  for_each = {
    for pair in setproduct(keys(local.processor_vendor_secret_ids), local.secret_readers["processor-api-keys"]) :
    "${pair[0]}/${pair[1]}" => { key = pair[0], identity = pair[1] }
  }
  secret_id = google_secret_manager_secret.processor_vendor_secret[each.value.key].id
  role      = "roles/secretmanager.secretAccessor"
  member    = local.runtime_member[each.value.identity]
}
