"""Where webhooks may go: never to the portal's own machine or network (SSRF).

A partner chooses its webhook URL, and the portal then sends requests there from inside its own network.
Without a check, a URL such as ``http://127.0.0.1:6379/`` (Redis), ``http://10.0.0.5/`` (an internal
service) or ``http://169.254.169.254/`` (a cloud's metadata service) would make the portal a proxy into
places no partner should reach. So:

- **at subscription** (API and admin) the host is resolved and every address it resolves to must be a
  public (globally routable) one; loopback, private (RFC 1918, ULA), link-local, shared (CGNAT),
  multicast, reserved and unspecified addresses are refused with a clear message;
- **at delivery** the same check runs again (a DNS name may point elsewhere by then), and the socket is
  checked once more right after it connects, before a byte is sent, so a name that resolves to a
  public address for the check and a private one for the connection (DNS rebinding) is caught too.

``WEBHOOK_ALLOW_PRIVATE_NETWORKS`` turns the check off (true by default only in development and test,
where receivers run on 127.0.0.1); ``WEBHOOK_ALLOWED_NETWORKS`` lists networks (CIDR) allowed even in
production, e.g. a partner reached over the government's private data network. Webhook requests ignore
proxy settings from the environment, so the address checked is the address connected to.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool


class UnsafeDestination(Exception):
    def __init__(self, message):
        self.message = message
        super().__init__(str(message))


def checks_enabled() -> bool:
    return not getattr(settings, "WEBHOOK_ALLOW_PRIVATE_NETWORKS", False)


def _allowed_networks():
    return [
        ipaddress.ip_network(n.strip(), strict=False)
        for n in getattr(settings, "WEBHOOK_ALLOWED_NETWORKS", [])
        if n.strip()
    ]


def is_public(address: str) -> bool:
    """A globally routable unicast address, or one inside ``WEBHOOK_ALLOWED_NETWORKS``."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if any(ip in network for network in _allowed_networks()):
        return True
    return ip.is_global and not ip.is_multicast


def _refusal(host, address):
    return UnsafeDestination(
        _(
            "Địa chỉ nhận %(host)s trỏ tới %(address)s, một địa chỉ nội bộ (loopback, mạng riêng "
            "hoặc link-local): không được phép gửi webhook tới đó. Hãy dùng một địa chỉ công khai."
        )
        % {"host": host, "address": address}
    )


def check_url(url: str) -> None:
    """Refuse a URL whose host is, or resolves to, a non-public address (``UnsafeDestination``)."""
    if not checks_enabled():
        return
    parts = urlsplit(url)
    host = parts.hostname
    if parts.scheme not in ("http", "https") or not host:
        raise UnsafeDestination(_("Địa chỉ nhận phải là một URL http(s) đầy đủ."))
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as error:
        raise UnsafeDestination(_("Cổng (port) của địa chỉ nhận không hợp lệ.")) from error
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise UnsafeDestination(
            _("Không phân giải được tên miền %(host)s của địa chỉ nhận.") % {"host": host}
        ) from error
    for info in infos:
        address = info[4][0]
        if not is_public(address):
            raise _refusal(host, address)


def check_connected(sock, host) -> None:
    """Right after connecting, before sending: the peer must be public (DNS rebinding)."""
    if not checks_enabled():
        return
    address = sock.getpeername()[0]
    if not is_public(address):
        sock.close()
        raise _refusal(host, address)


class _GuardedHTTPConnection(HTTPConnection):
    def _new_conn(self):
        sock = super()._new_conn()
        check_connected(sock, self.host)
        return sock


class _GuardedHTTPSConnection(HTTPSConnection):
    def _new_conn(self):
        sock = super()._new_conn()
        check_connected(sock, self.host)
        return sock


class _GuardedHTTPPool(HTTPConnectionPool):
    ConnectionCls = _GuardedHTTPConnection


class _GuardedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _GuardedHTTPSConnection


class GuardedAdapter(HTTPAdapter):
    """requests' adapter whose connections check their peer before any byte is sent."""

    def init_poolmanager(self, *args, **kwargs):
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {
            "http": _GuardedHTTPPool,
            "https": _GuardedHTTPSPool,
        }


def session():
    """A requests session for webhooks: no proxies from the environment, guarded connections."""
    import requests

    s = requests.Session()
    s.trust_env = False
    if checks_enabled():
        adapter = GuardedAdapter()
        s.mount("http://", adapter)
        s.mount("https://", adapter)
    return s
