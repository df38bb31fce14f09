"""Every API error has one JSON shape: a machine code that never changes and a message in the language
the caller asked for (Vietnamese unless ?lang= or Accept-Language says otherwise)."""

import pytest
from django.test import RequestFactory
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from portal.api.errors import exception_handler
from portal.api.middleware import requested_language

pytestmark = pytest.mark.django_db


def assert_error_shape(body, code):
    assert set(body) >= {"code", "message", "fields"}
    assert body["code"] == code
    assert isinstance(body["message"], str) and body["message"]


def test_unknown_api_url_answers_json_not_found_in_vietnamese(api):
    response = api.get("/api/v1/khong-co/")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert_error_shape(response.json(), "not_found")
    assert response.json()["message"] == "Không tìm thấy."
    assert response["Content-Language"] == "vi"


def test_lang_parameter_chooses_english_messages_with_the_same_code(api):
    response = api.get("/api/v1/khong-co/?lang=en")

    assert response.json() == {"code": "not_found", "message": "Not found.", "fields": {}}
    assert response["Content-Language"] == "en"


def test_accept_language_chooses_english_for_api_clients(api):
    response = api.get("/api/v1/me/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")

    assert response.status_code in (401, 403)
    assert_error_shape(response.json(), "not_authenticated")
    assert response.json()["message"].startswith("Sign in")


def test_unsupported_language_falls_back_to_vietnamese():
    request = RequestFactory().get("/api/v1/me/?lang=fr", HTTP_ACCEPT_LANGUAGE="fr-FR,de;q=0.5")
    assert requested_language(request) == "vi"


def test_lang_parameter_wins_over_accept_language():
    request = RequestFactory().get("/api/v1/me/?lang=vi", HTTP_ACCEPT_LANGUAGE="en")
    assert requested_language(request) == "vi"


def test_pages_still_ignore_accept_language(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert response["Content-Language"] == "vi"


def test_wrong_method_has_a_machine_code(api):
    response = api.delete("/api/v1/me/")
    # anonymous: authentication is checked before the method
    assert_error_shape(response.json(), "not_authenticated")


class _Input(serializers.Serializer):
    name = serializers.CharField(max_length=3)
    items = serializers.ListField(child=serializers.IntegerField())


class _EchoView(APIView):
    permission_classes = [AllowAny]
    authentication_classes = []

    def post(self, request):
        data = _Input(data=request.data)
        data.is_valid(raise_exception=True)
        return Response(data.validated_data)


def test_validation_errors_list_each_field_with_code_and_message():
    request = RequestFactory().post(
        "/x", {"name": "quá dài", "items": ["a"]}, content_type="application/json"
    )
    response = _EchoView.as_view()(request)

    body = response.data
    assert response.status_code == 400
    assert_error_shape(body, "invalid")
    assert body["fields"]["name"][0]["code"] == "max_length"
    assert body["fields"]["items.0"][0]["code"] == "invalid"


def test_malformed_json_is_a_parse_error():
    request = RequestFactory().post("/x", "{not json", content_type="application/json")
    response = _EchoView.as_view()(request)

    assert response.status_code == 400
    assert_error_shape(response.data, "parse_error")


class _Refused(Exception):
    status = 409
    message = "Hồ sơ đang ở trạng thái không cho phép thao tác này."


class _Boom(Exception):
    pass


def test_a_service_refusal_keeps_its_own_message_and_status():
    response = exception_handler(_Refused(), {"view": None})
    assert response.status_code == 409
    assert response.data["code"] == "conflict"
    assert response.data["message"] == _Refused.message


def test_an_unexpected_error_is_a_json_500_without_details(caplog):
    response = exception_handler(_Boom("secret detail"), {"view": None})
    assert response.status_code == 500
    assert response.data["code"] == "server_error"
    assert "secret" not in response.data["message"]


@pytest.mark.parametrize(
    "path, field",
    [
        ("/api/v1/procedures/?sector=%00", "sector"),
        ("/api/v1/procedures/?agency=x%00&q=khai", "agency"),
        ("/api/v1/statistics/dossiers/?agency=%00", "agency"),
        ("/api/v1/agencies/?a%00=1", "a\x00"),
    ],
)
def test_a_nul_character_in_the_query_is_a_400_with_the_field_named(api, path, field):
    """PostgreSQL cannot compare a string holding NUL: refused before any view reads it (the
    catalogue's filters answered 500), in every language the API speaks."""
    response = api.get(path)
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid" and list(body["fields"]) == [field]
    assert body["fields"][field][0]["message"] == "Giá trị không hợp lệ."
    english = api.get(path, HTTP_ACCEPT_LANGUAGE="en").json()
    assert english["fields"][field][0]["message"] == "Invalid value."
