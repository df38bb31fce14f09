from django.conf import settings


def portal(request):
    """Names every page shows in its header and footer."""
    return {
        "PORTAL_NAME": settings.PORTAL_NAME,
        "PORTAL_AUTHORITY": settings.PORTAL_AUTHORITY,
        "PORTAL_HOTLINE": settings.PORTAL_HOTLINE,
        "PORTAL_CONTACT_EMAIL": settings.PORTAL_CONTACT_EMAIL,
    }
