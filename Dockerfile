# Trivselsportalen — one image for web (gunicorn), worker and beat (celery) and the migrate job.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# WeasyPrint renders PDFs through Pango/HarfBuzz and needs fonts; gettext compiles translations.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
        fonts-dejavu-core fonts-liberation \
        gettext \
    && rm -rf /var/lib/apt/lists/*

# a fixed uid, so secret files on the host can be made readable for it (chgrp 10001)
RUN groupadd --system --gid 10001 trivsel \
    && useradd --system --uid 10001 --gid trivsel --home-dir /app --no-create-home trivsel

WORKDIR /app

# Dependencies first, so a code change does not reinstall them.
COPY pyproject.toml ./
RUN pip install --upgrade pip \
    && pip install .

COPY . .

# Static files are part of the image (WhiteNoise serves them); the key and the database URL here
# only let settings load (collectstatic connects to no database).
RUN export SECRET_KEY=build-only-not-a-secret DATABASE_URL=postgres://build@localhost/none DEBUG=false \
    && python manage.py collectstatic --noinput \
    && if [ -d locale ]; then python manage.py compilemessages --ignore=.venv; fi \
    && mkdir -p /data/media \
    && chown -R trivsel:trivsel /data /app/var

USER trivsel
EXPOSE 8000

# gunicorn takes its number of workers from WEB_CONCURRENCY
ENV WEB_CONCURRENCY=3
CMD ["gunicorn", "--config", "python:trivsel.gunicorn_conf", "trivsel.wsgi", "--bind", "0.0.0.0:8000", "--access-logfile", "-"]
