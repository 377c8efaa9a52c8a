# Money out (issue 9): the bank that pays payouts and posts their outcomes by signed webhook, and the
# FX provider that quotes converted payouts. Set only on the functions whose runtime identity has
# money_out set (runtime-identities.ts); without it every settlement, payout, bank webhook and
# reconciliation request failed as deployed (settlement.module.ts and reconciliation.module.ts build
# their clients from BANK_* / FX_* on first use: settlement/adapters/bank-modes.config.ts, fx-modes.config.ts).
#
# Keys and webhook secrets live in Secret Manager (never in a plain variable or in the Terraform state):
# add their versions out of band, e.g.
#   printf %s "$KEY" | gcloud secrets versions add bank-test-api-key --data-file=-
# Test keys start sk_test_, live keys sk_live_, webhook secrets whsec_ (the functions check all three
# at cold start). Without bank_live_url (fx_live_url) only the test secrets exist and live payouts
# (live conversions) are unavailable; no live key is readable by anyone.

locals {
  bank_modes = var.bank_live_url == null ? ["test"] : ["test", "live"]
  fx_modes   = var.fx_live_url == null ? ["test"] : ["test", "live"]

  # The bank's webhook secrets by the variable that carries each. The live bank signs with its own
  # secret, so the sandbox bank can never vouch for a live payout; the _PREVIOUS ones exist only while
  # a rotation is under way (bank_webhook_secret_rotation), the retired secret still accepted.
  bank_webhook_secret_ids = merge(
    { BANK_WEBHOOK_SECRET = "bank-test-webhook-secret" },
    var.bank_live_url == null ? {} : { BANK_LIVE_WEBHOOK_SECRET = "bank-live-webhook-secret" },
    !var.bank_webhook_secret_rotation ? {} : { BANK_WEBHOOK_SECRET_PREVIOUS = "bank-test-webhook-secret-previous" },
    !var.bank_webhook_secret_rotation || var.bank_live_url == null ? {} : { BANK_LIVE_WEBHOOK_SECRET_PREVIOUS = "bank-live-webhook-secret-previous" },
  )

  # Plain configuration (URLs, hosts, numbers): never a key or a secret, those are mounted below.
  # Test payouts go only to the bank's sandbox: its host must be loopback or in BANK_SANDBOX_HOSTS,
  # or the functions refuse to start (likewise FX).
  bank_env = {
    BANK_TEST_URL      = var.bank_test_url
    BANK_SANDBOX_HOSTS = var.bank_sandbox_hosts
    # How long a new payout stays pending (cancelable) before it is sent to the bank.
    PAYOUT_SUBMIT_DELAY_SECONDS = tostring(var.payout_submit_delay_seconds)
  }
  bank_live_env = var.bank_live_url == null ? {} : { BANK_LIVE_URL = var.bank_live_url }
  fx_env = {
    FX_TEST_URL      = var.fx_test_url
    FX_SANDBOX_HOSTS = var.fx_sandbox_hosts
    FX_MARKUP_BPS    = tostring(var.fx_markup_bps)
  }
  fx_live_env = var.fx_live_url == null ? {} : { FX_LIVE_URL = var.fx_live_url }

  # Per runtime identity, by its money_out access: the plain configuration ...
  money_out_env = { for name, i in var.runtime_identities : name => merge(
    contains(["bank-webhook", "bank", "payouts"], i.money_out) ? local.bank_env : {},
    contains(["bank", "payouts"], i.money_out) ? local.bank_live_env : {},
    contains(["payouts"], i.money_out) ? local.fx_env : {},
    contains(["payouts"], i.money_out) ? local.fx_live_env : {},
  ) }

  # ... and, by the secrets it lists, each secret variable => its Secret Manager secret. The live URL
  # and the live key come together (bank-api-keys, fx-api-keys): the functions refuse one without the other.
  money_out_secrets = { for name, i in var.runtime_identities : name => merge(
    contains(i.secrets, "bank-api-keys") ? { for mode in local.bank_modes : "BANK_${upper(mode)}_API_KEY" => google_secret_manager_secret.bank_api_key[mode].secret_id } : {},
    contains(i.secrets, "bank-test-api-key") ? { for mode in ["test"] : "BANK_${upper(mode)}_API_KEY" => google_secret_manager_secret.bank_api_key[mode].secret_id } : {},
    contains(i.secrets, "bank-webhook-secrets") ? { for key, id in local.bank_webhook_secret_ids : key => google_secret_manager_secret.bank_webhook_secret[key].secret_id } : {},
    contains(i.secrets, "fx-api-keys") ? { for mode in local.fx_modes : "FX_${upper(mode)}_API_KEY" => google_secret_manager_secret.fx_api_key[mode].secret_id } : {},
  ) }

  # Who may read each secret: exactly the identities that mount it.
  bank_api_key_readers = {
    for pair in setproduct(local.bank_modes, distinct(concat(local.secret_readers["bank-api-keys"], local.secret_readers["bank-test-api-key"]))) :
    "${pair[0]}/${pair[1]}" => { mode = pair[0], identity = pair[1] }
    if pair[0] == "test" || contains(local.secret_readers["bank-api-keys"], pair[1])
  }
  bank_webhook_secret_readers = {
    for pair in setproduct(keys(local.bank_webhook_secret_ids), local.secret_readers["bank-webhook-secrets"]) :
    "${pair[0]}/${pair[1]}" => { variable = pair[0], identity = pair[1] }
  }
  fx_api_key_readers = {
    for pair in setproduct(local.fx_modes, local.secret_readers["fx-api-keys"]) :
    "${pair[0]}/${pair[1]}" => { mode = pair[0], identity = pair[1] }
  }
}

resource "google_secret_manager_secret" "bank_api_key" {
  for_each  = toset(local.bank_modes)
  secret_id = "bank-${each.key}-api-key"
  replication {
    auto {}
  }
  depends_on = [google_project_service.apis]
}

resource "google_secret_manager_secret_iam_member" "bank_api_key" {
  for_each  = local.bank_api_key_readers
  secret_id = google_secret_manager_secret.bank_api_key[each.value.mode].id
  role      = "roles/secretmanager.secretAccessor"
  member    = local.runtime_member[each.value.identity]
}

resource "google_secret_manager_secret" "bank_webhook_secret" {
  for_each  = local.bank_webhook_secret_ids
  secret_id = each.value
  replication {
    auto {}
  }
  depends_on = [google_project_service.apis]
}

resource "google_secret_manager_secret_iam_member" "bank_webhook_secret" {
  for_each  = local.bank_webhook_secret_readers
  secret_id = google_secret_manager_secret.bank_webhook_secret[each.value.variable].id
  role      = "roles/secretmanager.secretAccessor"
  member    = local.runtime_member[each.value.identity]
}

resource "google_secret_manager_secret" "fx_api_key" {
  for_each  = toset(local.fx_modes)
  secret_id = "fx-${each.key}-api-key"
  replication {
    auto {}
  }
  depends_on = [google_project_service.apis]
}

resource "google_secret_manager_secret_iam_member" "fx_api_key" {
  for_each  = local.fx_api_key_readers
  secret_id = google_secret_manager_secret.fx_api_key[each.value.mode].id
  role      = "roles/secretmanager.secretAccessor"
  member    = local.runtime_member[each.value.identity]
}
