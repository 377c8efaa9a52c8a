# Processor API keys per mode, in Secret Manager (never in a plain environment variable or in the
# Terraform state: add the versions out of band, e.g.
#   printf %s "$KEY" | gcloud secrets versions add processor-test-api-key --data-file=-
# ). The test key must start sk_test_ and the live key sk_live_; the functions check both at cold
# start. Without processor_live_url only the test secret exists and live payments are refused.

locals {
  processor_modes = var.processor_live_url == null ? ["test"] : ["test", "live"]

  # Only the identities that mount the live key get the live URL: every function refuses to start with
  # one and not the other, and a function that never calls the processor (the bank webhook, payouts)
  # holds only the sandbox's key ("processor-test-api-key"), which the cold-start check needs.
  processor_live_env = var.processor_live_url == null ? {} : { PROCESSOR_LIVE_URL = var.processor_live_url }
  processor_env = { for name, i in var.runtime_identities : name => merge(
    contains(i.secrets, "processor-api-keys") ? local.processor_live_env : {},
  ) }
  processor_secrets = { for name, i in var.runtime_identities : name => merge(
    contains(i.secrets, "processor-api-keys") ? { for mode in local.processor_modes : "PROCESSOR_${upper(mode)}_API_KEY" => google_secret_manager_secret.processor_api_key[mode].secret_id } : {},
    contains(i.secrets, "processor-test-api-key") ? { for mode in ["test"] : "PROCESSOR_${upper(mode)}_API_KEY" => google_secret_manager_secret.processor_api_key[mode].secret_id } : {},
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
