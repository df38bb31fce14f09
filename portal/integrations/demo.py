"""The demo partner system (development only; ``seed_demo`` refuses to run in production).

A stand-in for the National Public Service Portal: an OAuth2 confidential application (client
credentials) whose service account ``dvc-quoc-gia`` is a receiving officer of the demo one-stop desk
(UBND phường Thuận Hóa) and of the demo Sở Tư pháp, and a partner record with every partner scope. Its
client id and secret are fixed and public (docs/api/partners.md) so a developer can try the API at
once; a real partner's secret is generated in the admin and shown once. Runs after every app's demo
data (``seed_demo`` calls it last): the agencies it works for must exist.
"""

from django.utils import timezone

DEMO_CLIENT_ID = "demo-dvc-quoc-gia"
DEMO_CLIENT_SECRET = "demo-bi-mat-doi-tac-2026"  # noqa: S105 - development only, documented
DEMO_SERVICE_ACCOUNT = "dvc-quoc-gia"
DEMO_SCOPES = ["catalogue:read", "status:read", "status:write"]


def _agencies():
    agencies = []
    try:
        from dossiers.demo import demo_agency

        agencies.append(demo_agency())
    except ImportError:  # pragma: no cover
        pass
    try:
        from procedures.demo import seed_agencies

        _root, departments, _communes = seed_agencies(lambda *_: None)
        agencies.append(departments.get("tu_phap"))
    except ImportError:  # pragma: no cover
        pass
    return [a for a in agencies if a is not None]


def seed(log):
    from oauth2_provider.models import Application

    from accounts.models import AccountKind, Membership, Role, User
    from portal.integrations.models import PartnerClient

    account, created = User.objects.get_or_create(
        username=DEMO_SERVICE_ACCOUNT,
        defaults={
            "kind": AccountKind.STAFF,
            "full_name": "Cổng Dịch vụ công quốc gia (đối tác mẫu)",
        },
    )
    if created:
        account.set_unusable_password()  # it signs in with its client secret, never a password
        account.save(update_fields=["password"])
        log(f"  + {DEMO_SERVICE_ACCOUNT}")
    for agency in _agencies():
        Membership.objects.get_or_create(
            user=account,
            agency=agency,
            role=Role.RECEIVING_OFFICER,
            ended_at=None,
            defaults={"title": "Hệ thống đối tác", "started_at": timezone.now()},
        )
    application, created = Application.objects.get_or_create(
        client_id=DEMO_CLIENT_ID,
        defaults={
            "name": "Cổng Dịch vụ công quốc gia (mẫu)",
            "client_secret": DEMO_CLIENT_SECRET,  # stored hashed
            "client_type": Application.CLIENT_CONFIDENTIAL,
            "authorization_grant_type": Application.GRANT_CLIENT_CREDENTIALS,
            "user": account,
        },
    )
    if created:
        log(f"  + OAuth2 {DEMO_CLIENT_ID}")
    PartnerClient.objects.get_or_create(
        application=application,
        defaults={
            "name": "Cổng Dịch vụ công quốc gia (mẫu)",
            "scopes": DEMO_SCOPES,
            "contact": "dvc@example.vn",
        },
    )
