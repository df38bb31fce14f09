import os
import subprocess
import sys

from django.conf import settings

from portal.celery import app


def run_manage(*args, env_overrides, tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "DATABASE_URL",
            "REDIS_URL",
            "DJANGO_ENV",
            "DEBUG",
            "SECRET_KEY",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    env.update({"PORTAL_DATA_DIR": str(tmp_path), **env_overrides})
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_settings_pass_check_deploy_with_zero_warnings(tmp_path):
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env_overrides={
            "DJANGO_ENV": "production",
            "SECRET_KEY": "x7!Qm2#pZr9@Lk4$Vt8^Nw1&Hy6*Bc3(Dj5)Fs0_Ge-Ua+Io=Kl;Pq:Rx,Sz.Tv",
            "ALLOWED_HOSTS": "dichvucong.example.gov.vn",
            "DATABASE_URL": "postgres://portal@db.internal:5432/portal",
            "REDIS_URL": "redis://redis.internal:6379/0",
        },
        tmp_path=tmp_path,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = run_manage(
        "check",
        env_overrides={"DJANGO_ENV": "production", "ALLOWED_HOSTS": "dichvucong.example.gov.vn"},
        tmp_path=tmp_path,
    )

    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_embedded_defaults_use_sqlite_eager_tasks_and_console_mail(tmp_path):
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER, s.EMAIL_BACKEND, "
        "s.DEBUG, s.DATABASES['default']['NAME'])"
    )
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "DJANGO_ENV", "DEBUG"}
    }
    env.update({"PORTAL_DATA_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "portal.settings"})
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )

    engine, eager, mail, debug, name = result.stdout.split()
    assert engine == "django.db.backends.sqlite3"
    assert name == str(tmp_path / "db.sqlite3")
    assert eager == "True"
    assert mail == "django.core.mail.backends.console.EmailBackend"
    assert debug == "True"


def test_the_suite_runs_on_postgresql_and_redis():
    assert settings.USING_POSTGRES
    assert settings.REDIS_URL.startswith("redis://")
    assert settings.CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"


def test_vietnamese_first_in_the_vietnam_time_zone():
    assert settings.LANGUAGE_CODE == "vi"
    assert [code for code, _name in settings.LANGUAGES] == ["vi", "en"]
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    assert settings.USE_TZ


def test_the_user_model_is_the_portals_own():
    assert settings.AUTH_USER_MODEL == "accounts.User"


def test_compiled_english_catalogue_exists():
    assert (settings.BASE_DIR / "locale" / "en" / "LC_MESSAGES" / "django.mo").exists()


def test_every_routed_queue_is_a_named_queue_with_a_consumer():
    named = {queue.name for queue in app.conf.task_queues}
    routed = {route["queue"] for route in settings.CELERY_TASK_ROUTES.values()}
    assert routed <= named
    assert named == set(settings.CELERY_QUEUE_NAMES)
    assert app.conf.task_acks_late is True
    assert app.conf.task_reject_on_worker_lost is True


def test_retry_countdowns_must_fit_in_the_visibility_timeout():
    assert app.conf.broker_transport_options["visibility_timeout"] >= 3600
