# Processor API keys per mode, in Secret Manager (never in a plain environment variable or in the
# Terraform state: add the versions out of band, e.g.
#   printf %s "$KEY" | gcloud secrets versions add processor-test-api-key --data-file=-
# ). The test key must start sk_test_ and the live key sk_live_; the functions check both at cold
# start. Without processor_live_url only the test secret exists and live payments are refused.

locals {
  processor_modes = var.processor_live_url == null ? ["test"] : ["test", "live"]
}

resource "google_secret_manager_secret" "processor_api_key" {
  for_each  = toset(local.processor_modes)
  secret_id = "processor-${each.key}-api-key"
  replication {
    auto {}
  }
  depends_on = [google_project_service.apis]
}

# Readable by the runtime identities that list "processor-api-keys" (runtime-identities.ts).
resource "google_secret_manager_secret_iam_member" "processor_api_key" {
  for_each = {
    for pair in setproduct(local.processor_modes, local.secret_readers["processor-api-keys"]) :
    "${pair[0]}/${pair[1]}" => { mode = pair[0], identity = pair[1] }
  }
  secret_id = google_secret_manager_secret.processor_api_key[each.value.mode].id
  role      = "roles/secretmanager.secretAccessor"
  member    = local.runtime_member[each.value.identity]
}
