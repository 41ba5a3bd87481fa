# The one image behind web, worker and beat in docker-compose.yml.
FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    VAR_DIR=/var/lib/layanan

# WeasyPrint renders the PDF reports with Pango/HarfBuzz; gettext compiles the translations.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 \
        fonts-dejavu-core gettext \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY . /app
RUN pip install /app \
    && if [ -d locale ]; then python manage.py compilemessages -v 0; fi \
    && useradd --system --home-dir /app --shell /usr/sbin/nologin layanan \
    && mkdir -p "$VAR_DIR/media" "$VAR_DIR/beat" "$VAR_DIR/staticfiles" \
    && chown -R layanan:layanan "$VAR_DIR"

USER layanan
EXPOSE 8000
CMD ["gunicorn", "config.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3"]
