"""A real Celery worker in a subprocess, on the real Redis broker and the test database.

Used by the integration tests (marked ``integration``) that must show what a worker really does:
tasks sent after commit, lost workers, restarted brokers.
"""

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

from django.conf import settings
from django.db import connection

from portal.tasks import heartbeat, last_heartbeat


def database_url_of_test_db() -> str:
    conf = connection.settings_dict
    user = conf.get("USER") or "postgres"
    password = f":{conf['PASSWORD']}" if conf.get("PASSWORD") else ""
    host = conf.get("HOST") or "127.0.0.1"
    port = conf.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{conf['NAME']}"


class WorkerProcess:
    def __init__(
        self,
        log_dir: Path,
        queues: list[str] | None = None,
        concurrency: int = 1,
        env: dict[str, str] | None = None,
    ):
        """``env``: extra environment of the worker (another broker, a fake provider's settings)."""
        self.extra_env = env or {}
        self.log_path = log_dir / f"worker-{uuid.uuid4().hex[:8]}.log"
        self.queues = queues
        self.concurrency = concurrency
        self.process: subprocess.Popen | None = None

    def start(self, wait_ready: bool = True, timeout: float = 60) -> "WorkerProcess":
        env = {
            **os.environ,
            "DJANGO_ENV": "test",
            "DATABASE_URL": database_url_of_test_db(),
            "REDIS_URL": settings.REDIS_URL,
            "CELERY_TASK_ALWAYS_EAGER": "false",
            **self.extra_env,
        }
        command = [
            sys.executable, "-m", "celery", "-A", "portal", "worker",
            "--loglevel=INFO", "--pool=prefork", f"--concurrency={self.concurrency}",
            "--without-gossip", "--without-mingle", "--without-heartbeat",
            f"--hostname=test-{uuid.uuid4().hex[:8]}@%h",
        ]  # fmt: skip
        if self.queues:
            command.append("--queues=" + ",".join(self.queues))
        self._log = open(self.log_path, "w")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            command, cwd=settings.BASE_DIR, env=env, stdout=self._log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        if wait_ready:
            probe = f"ready-{uuid.uuid4().hex}"
            heartbeat.apply_async(kwargs={"source": probe})
            if not wait_for(lambda: last_heartbeat(probe), timeout):
                self.stop()
                raise RuntimeError("worker did not start:\n" + self.log_path.read_text())
        return self

    def kill(self):
        """SIGKILL the whole worker (main process and its children), as a crash would."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)
        self._close()

    def stop(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=30)
        self._close()

    def _close(self):
        log = getattr(self, "_log", None)
        if log and not log.closed:
            log.close()


def wait_for(predicate, timeout: float = 30, interval: float = 0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    return None


class RedisServer:
    """A private redis-server on a free port, for tests that stop and restart the broker.

    Never touches the machine's shared Redis (other suites use it). ``stop()`` and ``start()`` again
    reuse the same port, as a restarted broker would; nothing is persisted across a restart.
    """

    def __init__(self, work_dir: Path):
        self.work_dir = work_dir
        self.port = _free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self, timeout: float = 20) -> "RedisServer":
        command = [
            "redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
            "--appendonly", "no", "--dir", str(self.work_dir), "--daemonize", "no",
        ]  # fmt: skip
        self.process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
        )
        if not wait_for(self.ping, timeout):
            self.stop()
            raise RuntimeError(f"redis-server did not start on port {self.port}")
        return self

    def ping(self) -> bool:
        import redis

        try:
            return redis.Redis(host="127.0.0.1", port=self.port, socket_timeout=1).ping()
        except redis.RedisError:
            return False

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self.process = None


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def use_broker(url: str):
    """Point this process's Celery app at another broker (drops pooled connections)."""
    from portal.celery import app

    app.conf.broker_url = url
    app._pool = None
    app.amqp._producer_pool = None
