"""The REST API, version 1, under /api/v1/. Each app adds its routes here (its views live in
``<app>/api/``); the shared pieces are in ``portal/api/``. Keep the catch-all 404 last.
After changing an endpoint, run ``make schema`` and commit docs/api/openapi.yaml."""

from django.urls import include, path, re_path
from oauth2_provider import views as oauth_views

from dossiers.api import citizen as dossiers_citizen_api
from dossiers.api import drafts as dossiers_drafts_api
from dossiers.api import staff as dossiers_staff_api
from portal.api import errors
from portal.api import views as api_views
from portal.integrations import api as integrations_api
from procedures.api import views as procedures_api
from satisfaction import api as satisfaction_api

app_name = "api"

oauth_patterns = [
    path("token/", api_views.TokenView.as_view(), name="token"),
    path("revoke_token/", oauth_views.RevokeTokenView.as_view(), name="revoke-token"),
    path("introspect/", oauth_views.IntrospectTokenView.as_view(), name="introspect"),
    path("authorize/", oauth_views.AuthorizationView.as_view(), name="authorize"),
]

urlpatterns = [
    path("schema/", api_views.SchemaView.as_view(), name="schema"),
    path("docs/", api_views.DocsView.as_view(), name="docs"),
    path("oauth/", include((oauth_patterns, "oauth2_provider"))),
    path("me/", api_views.MeView.as_view(), name="me"),
    # Catalogue (public)
    path("procedures/", procedures_api.ProcedureList.as_view(), name="procedure-list"),
    path(
        "procedures/<str:code>/", procedures_api.ProcedureDetail.as_view(), name="procedure-detail"
    ),
    path("agencies/", procedures_api.AgencyList.as_view(), name="agency-list"),
    path("sectors/", procedures_api.SectorList.as_view(), name="sector-list"),
    # Citizens: their own dossiers (session, or an app's token with dossiers:own)
    path("my/dossiers/", dossiers_citizen_api.OwnDossierList.as_view(), name="my-dossiers"),
    path(
        "my/dossiers/<str:code>/",
        dossiers_citizen_api.OwnDossierDetail.as_view(),
        name="my-dossier",
    ),
    path(
        "my/dossiers/<str:code>/documents/<int:document_id>/",
        dossiers_citizen_api.OwnDocumentDownload.as_view(),
        name="my-dossier-document",
    ),
    path(
        "my/dossiers/<str:code>/attachments/<int:attachment_id>/",
        dossiers_citizen_api.OwnAttachmentDownload.as_view(),
        name="my-dossier-attachment",
    ),
    path(
        "my/dossiers/<str:code>/supplement/",
        dossiers_citizen_api.SupplementAnswer.as_view(),
        name="my-dossier-supplement",
    ),
    path(
        "my/dossiers/<str:code>/withdrawal/",
        dossiers_citizen_api.WithdrawalRequest.as_view(),
        name="my-dossier-withdrawal",
    ),
    path(
        "my/dossiers/<str:code>/payments/<int:payment_id>/start/",
        dossiers_citizen_api.PaymentStart.as_view(),
        name="my-dossier-payment-start",
    ),
    path(
        "my/dossiers/<str:code>/survey/",
        satisfaction_api.OwnSurvey.as_view(),
        name="my-dossier-survey",
    ),
    # Citizens: drafts (no code yet, addressed by id), through the pages' services
    path("my/drafts/", dossiers_drafts_api.DraftList.as_view(), name="my-drafts"),
    path("my/drafts/<int:draft_id>/", dossiers_drafts_api.DraftDetail.as_view(), name="my-draft"),
    path(
        "my/drafts/<int:draft_id>/attachments/",
        dossiers_drafts_api.DraftAttachments.as_view(),
        name="my-draft-attachments",
    ),
    path(
        "my/drafts/<int:draft_id>/attachments/<int:attachment_id>/",
        dossiers_drafts_api.DraftAttachmentDetail.as_view(),
        name="my-draft-attachment",
    ),
    path(
        "my/drafts/<int:draft_id>/submit/",
        dossiers_drafts_api.DraftSubmit.as_view(),
        name="my-draft-submit",
    ),
    path(
        "my/drafts/<int:draft_id>/fee-payment/",
        dossiers_drafts_api.DraftFeePayment.as_view(),
        name="my-draft-fee-payment",
    ),
    # Staff and partner systems: status, queues, transitions (the same services as the pages)
    path(
        "dossiers/<str:code>/status/",
        dossiers_staff_api.DossierStatusView.as_view(),
        name="dossier-status",
    ),
    path(
        "dossiers/<str:code>/transitions/",
        dossiers_staff_api.TransitionView.as_view(),
        name="dossier-transitions",
    ),
    path("staff/queues/<str:tab>/", dossiers_staff_api.QueueView.as_view(), name="staff-queue"),
    # Public statistics (the fact tables of the statistics pages)
    path(
        "statistics/dossiers/",
        satisfaction_api.DossierStatistics.as_view(),
        name="statistics-dossiers",
    ),
    path(
        "statistics/satisfaction/",
        satisfaction_api.SatisfactionStatistics.as_view(),
        name="statistics-satisfaction",
    ),
    # Partner systems: the status feed and webhooks
    path("status-events/", integrations_api.StatusEventFeed.as_view(), name="status-events"),
    path("webhooks/", integrations_api.WebhookSubscriptionList.as_view(), name="webhook-list"),
    path(
        "webhooks/<int:subscription_id>/",
        integrations_api.WebhookSubscriptionDetail.as_view(),
        name="webhook-detail",
    ),
    path(
        "webhooks/<int:subscription_id>/replay/",
        integrations_api.WebhookReplay.as_view(),
        name="webhook-replay",
    ),
    path(
        "webhooks/<int:subscription_id>/deliveries/",
        integrations_api.WebhookDeliveryLog.as_view(),
        name="webhook-deliveries",
    ),
]

# Unknown URLs under /api/v1/ answer with the API's JSON error, not the HTML page.
urlpatterns.append(re_path(r"^.*$", errors.api_not_found, name="not-found"))
