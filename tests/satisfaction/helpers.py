from django.urls import reverse

from tests.accounts.factories import MembershipFactory, add_totp_device, current_totp

PASSWORD = "Mat-khau-2026!"


def sign_in_staff(client, membership=None, **kwargs):
    """Sign a staff member in with password and TOTP, as the staff area requires."""
    membership = membership or MembershipFactory(**kwargs)
    device = add_totp_device(membership.user)
    client.force_login(membership.user)
    response = client.post(reverse("accounts:two-factor"), {"token": current_totp(device)})
    assert response.status_code == 302, response.content[:500]
    return membership
