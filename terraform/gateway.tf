# ---- API Gateway (Swagger 2.0 generated from the catalogue; backends filled in here) ----

resource "google_api_gateway_api" "payments" {
  provider   = google-beta
  api_id     = "payments-api"
  depends_on = [google_project_service.apis]
}

resource "google_api_gateway_api_config" "payments" {
  provider             = google-beta
  api                  = google_api_gateway_api.payments.api_id
  api_config_id_prefix = "payments-"

  openapi_documents {
    document {
      path = "openapi-gateway.json"
      contents = base64encode(templatefile("${path.module}/openapi-gateway.json", {
        for name, fn in google_cloudfunctions2_function.fn :
        "backend_${replace(name, "-", "_")}" => fn.service_config[0].uri
      }))
    }
  }

  gateway_config {
    backend_config {
      google_service_account = google_service_account.gateway.email
    }
  }

  # Configs are immutable: a changed spec creates a new one before the gateway lets go of the old.
  lifecycle {
    create_before_destroy = true
  }
}

resource "google_api_gateway_gateway" "payments" {
  provider   = google-beta
  gateway_id = "payments-gateway"
  region     = var.region
  api_config = google_api_gateway_api_config.payments.id
}
