import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_home_page_is_vietnamese_first_with_landmarks(client):
    response = client.get(reverse("home"))

    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="vi">' in html
    assert "Dịch vụ công trực tuyến cho người dân và doanh nghiệp" in html
    assert html.count("<h1") == 1
    assert 'href="#main"' in html  # skip link
    for landmark in ("<header", "<nav", "<main", "<footer"):
        assert landmark in html


@pytest.mark.django_db
def test_home_page_in_english_after_switching_language(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"}, follow=True)

    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Online public services for citizens and businesses" in html


@pytest.mark.django_db
def test_secure_headers_and_content_security_policy(client):
    response = client.get(reverse("home"))

    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "object-src 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_uploaded_files_have_no_public_url(client, settings):
    response = client.get(settings.MEDIA_URL + "anything.pdf")
    assert response.status_code == 404


@pytest.mark.django_db
def test_an_english_browser_still_gets_vietnamese_until_the_visitor_chooses(client):
    response = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")

    assert '<html lang="vi">' in response.content.decode()
    assert response["Content-Language"] == "vi"
