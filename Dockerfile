# The portal's image: web (gunicorn), worker and beat all run from it (see docker-compose.yml).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PORTAL_DATA_DIR=/data

# Pango and fonts with full Vietnamese coverage for WeasyPrint; gettext for the translations.
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-core fonts-dejavu-core gettext \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.lock .
RUN pip install --require-hashes -r requirements.lock

COPY . .
RUN python manage.py compilemessages --ignore '.venv/*' \
 && DJANGO_ENV=production SECRET_KEY=build-only-not-secret ALLOWED_HOSTS=localhost \
    python manage.py collectstatic --noinput \
 && useradd --system --home /app portal \
 && mkdir -p /data && chown -R portal /data

USER portal
EXPOSE 8000
CMD ["gunicorn", "portal.wsgi:application", "--bind=0.0.0.0:8000", "--workers=3", "--access-logfile=-"]
