# Everything deployable is generated from the function catalogue (catalogue.auto.tfvars.json and
# openapi-gateway.json); this file only says HOW each kind of function is wired, never WHICH exist.

locals {
  functions_base_url = "https://${var.region}-${var.project_id}.cloudfunctions.net"

  # Who may invoke each kind of function: the gateway, Cloud Tasks/Scheduler, or Pub/Sub push.
  invoker_by_trigger = {
    http     = google_service_account.gateway.email
    task     = google_service_account.tasks.email
    schedule = google_service_account.scheduler.email
    pubsub   = google_service_account.events.email
  }

  # Environment of every function (secrets are mounted from Secret Manager, never set here).
  common_env = merge(var.extra_env, {
    GCLOUD_PROJECT     = var.project_id
    TASKS_LOCATION     = var.region
    FUNCTIONS_BASE_URL = local.functions_base_url
    # Per-mode processor configuration; the API keys come from Secret Manager and PROCESSOR_LIVE_URL
    # only with the live key (processor.tf).
    PROCESSOR_TEST_URL      = var.processor_test_url
    PROCESSOR_SANDBOX_HOSTS = var.processor_sandbox_hosts
    TASKS_SERVICE_ACCOUNT   = google_service_account.tasks.email
    # Envelope encryption of personal data (KYC): the data key is wrapped by this Cloud KMS key.
    # Only the identity group can use it (iam: kms_users); set everywhere as it is not a secret.
    KMS_KEY_NAME = google_kms_crypto_key.personal_data.id
    # The webhook signing secrets' key (webhooks.tf); only the webhooks group can use it.
    WEBHOOK_KMS_KEY_NAME = google_kms_crypto_key.webhook_secrets.id
    AUDIT_DATABASE       = google_firestore_database.audit.name # audit.tf: the relay appends, staff read
    # The OFAC list: fetched daily from OFAC into this bucket (sanctions.tf) and read from it. The snapshot
    # shipped in the zip (SANCTIONS_DATA_DIR) is read only where no bucket is configured (never here).
    SANCTIONS_BUCKET    = google_storage_bucket.sanctions_lists.name
    SANCTIONS_FETCH_URL = "https://www.treasury.gov/ofac/downloads"
    SANCTIONS_DATA_DIR  = "/workspace/data/sanctions/ofac"
  })
}

# ---- Functions ----

resource "google_storage_bucket" "source" {
  name                        = "${var.project_id}-functions-source"
  location                    = var.region
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
}

resource "google_storage_bucket_object" "source" {
  # Content-addressed, so a new bundle means a new object and a redeploy of every function.
  name   = "functions-${filemd5(var.source_archive_path)}.zip"
  bucket = google_storage_bucket.source.name
  source = var.source_archive_path
}

resource "google_pubsub_topic" "topics" {
  for_each   = toset(var.pubsub_topics)
  name       = each.value
  depends_on = [google_project_service.apis]
}

resource "google_cloudfunctions2_function" "fn" {
  for_each = var.functions
  name     = each.key
  location = var.region

  build_config {
    runtime     = "nodejs20"
    entry_point = each.value.entry_point
    source {
      storage_source {
        bucket = google_storage_bucket.source.name
        object = google_storage_bucket_object.source.name
      }
    }
  }

  service_config {
    available_memory   = var.function_memory
    timeout_seconds    = var.function_timeout_seconds
    max_instance_count = var.function_max_instances
    # Each function runs as its group's service account (runtime-identities.ts, iam.tf).
    service_account_email          = google_service_account.runtime[each.value.identity].email
    all_traffic_on_latest_revision = true
    # Generated: ALLOW_INTERNAL_ONLY for Pub/Sub pushes (internal from this project); the gateway, Cloud
    # Tasks and Cloud Scheduler are not internal callers, so those functions accept the network but
    # only their caller's OIDC identity (roles/run.invoker below, never anonymous).
    ingress_settings = each.value.ingress
    # The processor keys, and the bank and FX keys and webhook secrets, that the group lists: variable =>
    # secret (processor.tf, money-out.tf).
    dynamic "secret_environment_variables" {
      for_each = merge(local.processor_secrets[each.value.identity], local.money_out_secrets[each.value.identity])
      content {
        key        = secret_environment_variables.key
        project_id = var.project_id
        secret     = secret_environment_variables.value
        version    = "latest"
      }
    }
    dynamic "secret_environment_variables" {
      for_each = contains(var.runtime_identities[each.value.identity].secrets, "hash-pepper") ? [google_secret_manager_secret.hash_pepper.secret_id] : []
      content {
        key        = "HASH_PEPPER"
        project_id = var.project_id
        secret     = secret_environment_variables.value
        version    = "latest"
      }
    }
    # The identity vendor's webhook secrets (comma-separated, newest first, for rotation): only the
    # identities listing them (the identity functions and the webhook) mount and may read them.
    dynamic "secret_environment_variables" {
      for_each = contains(var.runtime_identities[each.value.identity].secrets, "identity-vendor-webhook-secrets") ? [google_secret_manager_secret.identity_vendor_webhook_secrets.secret_id] : []
      content {
        key        = "IDENTITY_VENDOR_WEBHOOK_SECRETS"
        project_id = var.project_id
        secret     = secret_environment_variables.value
        version    = "latest"
      }
    }
    # Identity vendor settings only where the group's identity_vendor is set (identity.tf), the live
    # processor's URL only with its key (processor.tf), the bank and FX by money_out (money-out.tf).
    environment_variables = merge(
      local.common_env,
      var.runtime_identities[each.value.identity].identity_vendor ? local.identity_env : {},
      local.processor_env[each.value.identity],
      local.money_out_env[each.value.identity],
    )
  }

  depends_on = [
    google_project_service.apis,
    google_project_iam_member.runtime_firestore,
    google_project_iam_member.runtime_audit_append,
    google_secret_manager_secret_iam_member.processor_api_key, google_secret_manager_secret_iam_member.processor_vendor_secret,
    google_secret_manager_secret_iam_member.hash_pepper,
    google_secret_manager_secret_iam_member.identity_vendor_webhook_secrets,
    google_secret_manager_secret_iam_member.bank_api_key,
    google_secret_manager_secret_iam_member.bank_webhook_secret,
    google_secret_manager_secret_iam_member.fx_api_key,
  ]
}

# Gen 2 functions run on Cloud Run services of the same name; invocation is a Cloud Run permission.
resource "google_cloud_run_service_iam_member" "invoker" {
  for_each = var.functions
  location = var.region
  service  = google_cloudfunctions2_function.fn[each.key].name
  role     = "roles/run.invoker"
  member   = "serviceAccount:${local.invoker_by_trigger[each.value.trigger]}"
}

# ---- Dead letters of the push subscriptions ----
# Pub/Sub moves a message here with the service agent's identity, which must be allowed to publish to
# the topic and to acknowledge on the source subscription. The pull subscription keeps the parked
# messages (7 days) for an operator to inspect and replay.

resource "google_pubsub_topic" "dead_letters" {
  name       = "payment-events-dead-letters"
  depends_on = [google_project_service.apis]
}

resource "google_pubsub_subscription" "dead_letters" {
  name                       = "payment-events-dead-letters"
  topic                      = google_pubsub_topic.dead_letters.id
  message_retention_duration = "604800s"
  expiration_policy {
    ttl = ""
  }
}

resource "google_pubsub_topic_iam_member" "dead_letters_publisher" {
  topic  = google_pubsub_topic.dead_letters.id
  role   = "roles/pubsub.publisher"
  member = "serviceAccount:service-${data.google_project.this.number}@gcp-sa-pubsub.iam.gserviceaccount.com"
}

resource "google_pubsub_subscription_iam_member" "dead_letters_subscriber" {
  for_each     = google_pubsub_subscription.push
  subscription = each.value.id
  role         = "roles/pubsub.subscriber"
  member       = "serviceAccount:service-${data.google_project.this.number}@gcp-sa-pubsub.iam.gserviceaccount.com"
}

# ---- Pub/Sub push subscriptions (one per Pub/Sub function) ----
# A push subscription rather than an Eventarc trigger: Eventarc cannot filter on message attributes, and
# the filter means each event reaches only the functions that consume its type (no invocation, no cost,
# for the rest). The filter is generated from the catalogue's event types and cannot change in place:
# a new list replaces the subscription. The function is an HTTP function reading the push envelope.

resource "google_pubsub_subscription" "push" {
  for_each = { for name, fn in var.functions : name => fn if fn.trigger == "pubsub" }
  name     = each.key
  topic    = google_pubsub_topic.topics[each.value.topic].id
  filter   = each.value.filter

  ack_deadline_seconds = 60

  # Redelivery of a message the function answered with a non-2xx (transient trouble), with
  # exponential backoff between the two bounds.
  retry_policy {
    minimum_backoff = "1s"
    maximum_backoff = "600s"
  }

  push_config {
    push_endpoint = google_cloudfunctions2_function.fn[each.key].service_config[0].uri
    oidc_token {
      service_account_email = google_service_account.events.email
      audience              = google_cloudfunctions2_function.fn[each.key].service_config[0].uri
    }
  }

  # Never expire for inactivity (the default is 31 days without a delivery).
  expiration_policy {
    ttl = ""
  }

  # A message still failing after this many pushes is parked on the dead-letter topic instead of being
  # retried until retention ends and then lost: a transient cause that lasts that long needs a person.
  dead_letter_policy {
    dead_letter_topic     = google_pubsub_topic.dead_letters.id
    max_delivery_attempts = 20
  }

  depends_on = [
    google_cloud_run_service_iam_member.invoker,
    google_project_iam_member.pubsub_token_creator,
  ]
}

# ---- Cloud Tasks and Cloud Scheduler ----

resource "google_cloud_tasks_queue" "queues" {
  for_each = var.task_queues
  name     = each.key
  location = var.region

  rate_limits {
    max_concurrent_dispatches = each.value.max_concurrent_dispatches
    max_dispatches_per_second = var.task_queue_max_dispatches_per_second
  }

  retry_config {
    max_attempts = each.value.max_attempts
    min_backoff  = each.value.min_backoff
    max_backoff  = each.value.max_backoff
    # The same doublings the local emulator uses; a retry duration bounds queues with unlimited attempts (webhooks: 3 days).
    max_doublings      = each.value.max_doublings
    max_retry_duration = each.value.max_retry_duration
  }

  depends_on = [google_project_service.apis]
}

resource "google_cloud_scheduler_job" "jobs" {
  for_each         = var.schedules
  name             = each.key
  region           = var.region
  schedule         = each.value.schedule
  time_zone        = "Etc/UTC"
  attempt_deadline = "${var.function_timeout_seconds}s"

  http_target {
    http_method = "POST"
    uri         = google_cloudfunctions2_function.fn[each.value.function].service_config[0].uri
    oidc_token {
      service_account_email = google_service_account.scheduler.email
      audience              = google_cloudfunctions2_function.fn[each.value.function].service_config[0].uri
    }
  }

  depends_on = [google_project_service.apis]
}

# ---- KMS: envelope encryption of personal data (KYC documents, identity details) ----
# Key rings and keys cannot be deleted in Google Cloud; destroy only forgets them, hence prevent_destroy.

resource "google_kms_key_ring" "fields" {
  name       = "payments-field-encryption"
  location   = var.region
  depends_on = [google_project_service.apis]
}

resource "google_kms_crypto_key" "personal_data" {
  name            = "personal-data"
  key_ring        = google_kms_key_ring.fields.id
  purpose         = "ENCRYPT_DECRYPT"
  rotation_period = "7776000s" # 90 days; old versions stay enabled so older envelopes still open

  lifecycle {
    prevent_destroy = true
  }
}

# Only the identity group (runtime-identities.ts: kms) may encrypt or decrypt personal data.
resource "google_kms_crypto_key_iam_member" "runtime_personal_data" {
  for_each      = local.kms_users
  crypto_key_id = google_kms_crypto_key.personal_data.id
  role          = "roles/cloudkms.cryptoKeyEncrypterDecrypter"
  member        = local.runtime_member[each.key]
}
