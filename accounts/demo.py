"""Demo accounts for development. Listed in the README; never created in production."""

from accounts.models import User

DEMO_PASSWORD = "Demo@2026!"  # noqa: S105 - development-only demo accounts (README)

DEMO_ACCOUNTS = [
    {
        "username": "quantri",
        "full_name": "Quản trị hệ thống",
        "email": "quantri@demo.dichvucong.vn",
        "is_staff": True,
        "is_superuser": True,
    },
]


def seed(log):
    for spec in DEMO_ACCOUNTS:
        fields = dict(spec)
        username = fields.pop("username")
        user, created = User.objects.get_or_create(username=username, defaults=fields)
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
            log(f"  + {username}")
