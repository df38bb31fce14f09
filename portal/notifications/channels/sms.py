"""SMS adapters: an HTTP gateway (production), the console (development), a fake (tests).

Which one runs is settings.NOTIFICATION_CHANNELS["sms"]. Texts are sent without diacritics (the
events' ``sms`` texts): GSM-7 fits 160 characters a part where Unicode fits 70.
"""

import fcntl
import json
import logging
import re
import threading
import time
from pathlib import Path

import requests
from django.conf import settings

from portal.notifications.channels.base import ChannelAdapter, PermanentError, TransientError

logger = logging.getLogger(__name__)


def normalise_phone(value: str) -> str:
    """Vietnamese mobile numbers as 84xxxxxxxxx; "" when it is not one."""
    digits = re.sub(r"\D", "", value or "")
    if digits.startswith("0") and len(digits) == 10:
        digits = "84" + digits[1:]
    return digits if re.fullmatch(r"84\d{9}", digits) else ""


class SmsAdapter(ChannelAdapter):
    name = "sms"

    def address_for(self, user) -> str:
        return normalise_phone(getattr(user, "phone", ""))

    def text_of(self, notification) -> str:
        return notification.text("sms", notification.language)

    def send(self, notification) -> str:
        if not notification.address:
            raise PermanentError("no mobile number")
        return self.deliver(notification.key, notification.address, self.text_of(notification))

    def deliver(self, key: str, phone: str, text: str) -> str:
        raise NotImplementedError


class HttpGatewaySmsAdapter(SmsAdapter):
    """POSTs JSON to the provincial SMS gateway (brandname), with the row's key as idempotency key.

    settings: SMS_GATEWAY_URL, SMS_GATEWAY_TOKEN, SMS_BRANDNAME, SMS_GATEWAY_TIMEOUT. The gateway answers
    2xx with {"id": ...}; 4xx (bad number, rejected content) is permanent; 5xx and network errors are
    retried. A gateway that receives the same Idempotency-Key twice must deliver once.
    """

    def deliver(self, key, phone, text):
        try:
            response = requests.post(
                settings.SMS_GATEWAY_URL,
                json={
                    "to": phone,
                    "text": text,
                    "brandname": settings.SMS_BRANDNAME,
                    "reference": key,
                },
                headers={
                    "Authorization": f"Bearer {settings.SMS_GATEWAY_TOKEN}",
                    "Idempotency-Key": key,
                },
                timeout=settings.SMS_GATEWAY_TIMEOUT,
            )
        except requests.RequestException as error:
            raise TransientError(str(error)) from error
        if response.status_code >= 500 or response.status_code == 429:
            raise TransientError(f"gateway {response.status_code}: {response.text[:200]}")
        if response.status_code >= 400:
            raise PermanentError(f"gateway {response.status_code}: {response.text[:200]}")
        try:
            return str(response.json().get("id", ""))
        except ValueError:
            return ""


class ConsoleSmsAdapter(SmsAdapter):
    """Development: prints the SMS instead of sending it."""

    def deliver(self, key, phone, text):
        logger.info("SMS to %s [%s]: %s", phone, key, text)
        print(f"SMS → {phone} [{key}]: {text}")
        return f"console-{key}"


class FakeSmsAdapter(SmsAdapter):
    """Tests: a provider that de-duplicates by key, like a real one, and records every attempt.

    Without settings.NOTIFICATION_FAKE_PROVIDER_LOG it keeps deliveries in memory (``FakeSmsAdapter.sent``);
    with it, it appends JSON lines to that file under a lock, so workers in other processes share it.
    settings.NOTIFICATION_FAKE_PROVIDER_DELAY slows each send (to kill a worker mid-batch);
    ``fail_next`` makes the next sends raise TransientError.
    """

    sent: list[dict] = []
    attempts: list[str] = []
    fail_next = 0
    _lock = threading.Lock()

    def deliver(self, key, phone, text):
        delay = float(getattr(settings, "NOTIFICATION_FAKE_PROVIDER_DELAY", 0) or 0)
        if delay:
            time.sleep(delay)
        path = getattr(settings, "NOTIFICATION_FAKE_PROVIDER_LOG", "")
        if path:
            return self._deliver_to_file(Path(path), key, phone, text)
        with self._lock:
            FakeSmsAdapter.attempts.append(key)
            if FakeSmsAdapter.fail_next:
                FakeSmsAdapter.fail_next -= 1
                raise TransientError("fake provider unavailable")
            if all(message["key"] != key for message in FakeSmsAdapter.sent):
                FakeSmsAdapter.sent.append({"key": key, "to": phone, "text": text})
        return f"fake-{key}"

    @staticmethod
    def _deliver_to_file(path, key, phone, text):
        with open(path, "a+", encoding="utf-8") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            handle.seek(0)
            delivered = {json.loads(line)["key"] for line in handle if line.strip()}
            if key not in delivered:  # the provider de-duplicates by key
                handle.write(json.dumps({"key": key, "to": phone, "text": text}) + "\n")
                handle.flush()
            with open(f"{path}.attempts", "a", encoding="utf-8") as attempts:
                attempts.write(key + "\n")
        return f"fake-{key}"

    @classmethod
    def reset(cls):
        cls.sent, cls.attempts, cls.fail_next = [], [], 0
