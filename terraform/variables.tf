# ---- Deployment settings (set per environment, e.g. in a *.tfvars file or TF_VAR_*) ----

variable "project_id" {
  description = "Google Cloud project to deploy into."
  type        = string
}

variable "region" {
  description = "Region for functions, queues, scheduler jobs, the gateway and the KMS key ring."
  type        = string
  default     = "us-central1"
}

variable "firestore_location" {
  description = "Firestore database location (multi-region nam5/eur3 or a region). Cannot change after creation."
  type        = string
  default     = "nam5"
}

variable "processor_test_url" {
  description = "Base URL of the processor's SANDBOX, which test-mode (sk_test_) payments use (PROCESSOR_TEST_URL). Its host must be in processor_sandbox_hosts or the functions refuse to start."
  type        = string
}

variable "processor_sandbox_hosts" {
  description = "Comma-separated hosts accepted as sandboxes for PROCESSOR_TEST_URL (PROCESSOR_SANDBOX_HOSTS). Never list a live host."
  type        = string
  default     = ""
}

variable "processor_live_url" {
  description = "Base URL of the live processor (PROCESSOR_LIVE_URL). null: live payments fail with livemode_unavailable."
  type        = string
  default     = null
}

variable "acquirer_test_url" {
  description = "Base URL of the second processor's (the European acquirer's) SANDBOX (ACQUIRER_TEST_URL); its host must be in processor_sandbox_hosts. null: the acquirer is not configured and payments route only to the primary processor."
  type        = string
  default     = null
}

variable "acquirer_live_url" {
  description = "Base URL of the live acquirer (ACQUIRER_LIVE_URL); needs acquirer_test_url. null: live payments never route to the acquirer."
  type        = string
  default     = null
  validation {
    condition     = var.acquirer_live_url == null || var.acquirer_test_url != null
    error_message = "acquirer_live_url needs acquirer_test_url (the functions refuse a live acquirer without its test side)."
  }
}

variable "vault_test_url" {
  description = "Base URL of the card vault's SANDBOX (VAULT_TEST_URL); its host must be in processor_sandbox_hosts. null: the processors describe the payment-method tokens."
  type        = string
  default     = null
}

variable "vault_live_url" {
  description = "Base URL of the live card vault (VAULT_LIVE_URL); needs vault_test_url."
  type        = string
  default     = null
  validation {
    condition     = var.vault_live_url == null || var.vault_test_url != null
    error_message = "vault_live_url needs vault_test_url (the functions refuse a live vault without its test side)."
  }
}

variable "public_api_base_url" {
  description = "Public base URL of the API (custom domain or output gateway_url after a first apply); the identity vendor posts results to <this>/v1/webhooks/identity-vendor."
  type        = string

  validation {
    condition     = startswith(var.public_api_base_url, "https://")
    error_message = "public_api_base_url must be an https:// URL."
  }
}

variable "identity_vendor_test_url" {
  description = "Base URL of the identity vendor's SANDBOX used by test-mode KYB (IDENTITY_VENDOR_TEST_URL). Its host must be in identity_vendor_sandbox_hosts or the functions refuse to start."
  type        = string
}

variable "identity_vendor_sandbox_hosts" {
  description = "Comma-separated hosts accepted as identity vendor sandboxes (IDENTITY_VENDOR_SANDBOX_HOSTS). Never list a live host."
  type        = string
  default     = ""
}

variable "identity_vendor_live_url" {
  description = "Base URL of the live identity vendor (IDENTITY_VENDOR_LIVE_URL) for live KYB and end-user KYC. null: those verifications wait, never reaching the sandbox."
  type        = string
  default     = null
}

variable "bank_test_url" {
  description = "Base URL of the bank's SANDBOX that test-mode payouts and statements use (BANK_TEST_URL). Its host must be in bank_sandbox_hosts or the functions refuse to start."
  type        = string

  validation {
    condition     = startswith(var.bank_test_url, "https://")
    error_message = "bank_test_url must be an https:// URL."
  }
}

variable "bank_sandbox_hosts" {
  description = "Comma-separated hosts accepted as bank sandboxes for BANK_TEST_URL (BANK_SANDBOX_HOSTS). Never list a live host."
  type        = string
  default     = ""
}

variable "bank_live_url" {
  description = "Base URL of the live bank (BANK_LIVE_URL); creates the bank-live-api-key and bank-live-webhook-secret secrets. null: live payouts are unavailable (livemode_unavailable) and no live bank key exists."
  type        = string
  default     = null

  validation {
    condition     = startswith(coalesce(var.bank_live_url, "https://"), "https://")
    error_message = "bank_live_url must be an https:// URL (or null)."
  }
}

variable "bank_webhook_secret_rotation" {
  description = "During a rotation of the bank's webhook secret: also mount bank-{test,live}-webhook-secret-previous as BANK_(LIVE_)WEBHOOK_SECRET_PREVIOUS, the retired secret still accepted. false once the bank signs with the new secret only."
  type        = bool
  default     = false
}

variable "fx_test_url" {
  description = "Base URL of the FX provider's SANDBOX that quotes test-mode converted payouts (FX_TEST_URL). Its host must be in fx_sandbox_hosts or the functions refuse to start."
  type        = string

  validation {
    condition     = startswith(var.fx_test_url, "https://")
    error_message = "fx_test_url must be an https:// URL."
  }
}

variable "fx_sandbox_hosts" {
  description = "Comma-separated hosts accepted as FX sandboxes for FX_TEST_URL (FX_SANDBOX_HOSTS). Never list a live host."
  type        = string
  default     = ""
}

variable "fx_live_url" {
  description = "Base URL of the live FX provider (FX_LIVE_URL); creates the fx-live-api-key secret. null: live payouts needing a conversion wait, no live FX key exists."
  type        = string
  default     = null

  validation {
    condition     = startswith(coalesce(var.fx_live_url, "https://"), "https://")
    error_message = "fx_live_url must be an https:// URL (or null)."
  }
}

variable "fx_markup_bps" {
  description = "Platform markup on converted payouts, in basis points off the mid rate (FX_MARKUP_BPS; 100 = 1 %)."
  type        = number
  default     = 100

  validation {
    condition     = var.fx_markup_bps >= 0 && var.fx_markup_bps <= 1000 && floor(var.fx_markup_bps) == var.fx_markup_bps
    error_message = "fx_markup_bps must be a whole number from 0 to 1000."
  }
}

variable "payout_submit_delay_seconds" {
  description = "How long a new payout stays pending, and cancelable, before it is sent to the bank (PAYOUT_SUBMIT_DELAY_SECONDS)."
  type        = number
  default     = 60

  validation {
    condition     = var.payout_submit_delay_seconds >= 0 && var.payout_submit_delay_seconds <= 86400 && floor(var.payout_submit_delay_seconds) == var.payout_submit_delay_seconds
    error_message = "payout_submit_delay_seconds must be a whole number of seconds from 0 to 86400."
  }
}

variable "compliance_retention_locked" {
  description = "Lock the 5-year retention of the compliance exports bucket and the security log bucket. IRREVERSIBLE once applied; false only for a throw-away project."
  type        = bool
  default     = true
}

variable "alert_notification_channels" {
  description = "Cloud Monitoring notification channel ids for compliance alerts (sanctions list staleness)."
  type        = list(string)
  default     = []
}

variable "source_archive_path" {
  description = "Zip of the built functions bundle (package.json whose main is the compiled functions/src/index.js)."
  type        = string
  default     = "../dist/functions-source.zip"
}

variable "function_memory" {
  description = "Memory per function instance."
  type        = string
  default     = "256M"
}

variable "function_timeout_seconds" {
  description = "Request timeout per function invocation."
  type        = number
  default     = 60
}

variable "function_max_instances" {
  description = "Upper bound on instances per function, a cost and blast-radius guard."
  type        = number
  default     = 20
}

variable "task_queue_max_dispatches_per_second" {
  description = "Cloud Tasks rate limit per queue; concurrency comes from the catalogue."
  type        = number
  default     = 50
}

variable "extra_env" {
  description = "Additional environment variables for every function (e.g. LOG_LEVEL)."
  type        = map(string)
  default     = {}
}

# ---- Generated from functions/src/catalogue/function-catalogue.ts into catalogue.auto.tfvars.json ----
# Do not edit by hand: run `npm run terraform:catalogue`.

variable "functions" {
  description = "Every deployed function by name (generated)."
  type = map(object({
    entry_point = string
    trigger     = string # http | pubsub | task | schedule
    route       = string # "GET /v1/payments" for http, else null
    topic       = string # pubsub only, else null
    filter      = string # pubsub only: the subscription filter on the ce-type attribute, else null
    identity    = string # the runtime_identities group whose service account it runs as
    ingress     = string # ALLOW_INTERNAL_ONLY (Pub/Sub push) or ALLOW_ALL (gateway, Tasks, Scheduler; IAM-guarded)
  }))

  validation {
    condition     = alltrue([for f in values(var.functions) : contains(["http", "pubsub", "task", "schedule"], f.trigger)])
    error_message = "Each function trigger must be http, pubsub, task or schedule."
  }
}

variable "runtime_identities" {
  description = "One runtime service account per function group with what it may do (generated from functions/src/catalogue/runtime-identities.ts)."
  type = map(object({
    description     = string
    firestore       = string # read-write | none (operational database)
    audit           = string # append (the relay: create only) | read (staff) | none
    kms             = bool   # encrypt/decrypt with the personal-data key
    webhook_key     = bool   # encrypt/decrypt with the webhook-secrets key (webhooks.tf)
    firebase_auth   = string # none | verify | admin: Firebase Auth roles (team.tf)
    sanctions_list  = string # none | read | write: the sanctions list bucket (sanctions.tf)
    publish         = bool   # publish payment events
    enqueue         = bool   # create Cloud Tasks (and act as the tasks invoker identity)
    identity_vendor = bool   # IDENTITY_* configuration
    money_out       = string # none | bank-webhook | bank | payouts: BANK_* / FX_* configuration (money-out.tf)
    secrets         = list(string)
  }))

  validation {
    condition     = alltrue([for i in values(var.runtime_identities) : contains(["read-write", "none"], i.firestore) && contains(["append", "read", "none"], i.audit)])
    error_message = "firestore must be read-write or none; audit must be append, read or none."
  }

  validation {
    condition     = alltrue([for i in values(var.runtime_identities) : contains(["none", "bank-webhook", "bank", "payouts"], i.money_out)])
    error_message = "money_out must be none, bank-webhook, bank or payouts."
  }
}

variable "pubsub_topics" {
  description = "Pub/Sub topics the functions subscribe to (generated)."
  type        = list(string)
}

variable "task_queues" {
  description = "Cloud Tasks queues by name with the function that handles them (generated)."
  type = map(object({
    function                  = string
    max_attempts              = number
    min_backoff               = string
    max_backoff               = string
    max_doublings             = number
    max_retry_duration        = string
    max_concurrent_dispatches = number
  }))
}

variable "schedules" {
  description = "Cloud Scheduler jobs by name (generated)."
  type = map(object({
    function = string
    schedule = string
  }))
}
