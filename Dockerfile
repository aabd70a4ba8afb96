# The portal's application image: gunicorn serving Django, static files collected at build.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# espeak-ng speaks the captcha's code to readers who cannot see its image, with the Vietnamese
# voice it ships (comments.audio); without it the forms simply offer no audio button.
RUN apt-get update \
    && apt-get install -y --no-install-recommends espeak-ng \
    && rm -rf /var/lib/apt/lists/*

# Dependencies first, from pyproject, so code changes do not reinstall them.
COPY pyproject.toml ./
RUN pip install . && rm -rf build *.egg-info

COPY . .

# collectstatic needs settings; the key used here is thrown away with the build layer.
RUN DJANGO_SECRET_KEY=build-only DJANGO_STATIC_ROOT=/app/staticfiles \
    python manage.py collectstatic --noinput --verbosity 0

RUN useradd --system --uid 10001 --home /app portal \
    && mkdir -p /srv/media /srv/static \
    && chown -R portal:portal /srv/media /srv/static
USER portal

EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=3s --retries=3 \
    CMD python -c "import os,sys,urllib.request as u; host=os.environ.get('DJANGO_ALLOWED_HOSTS','localhost').split(',')[0]; r=u.Request('http://127.0.0.1:8000/healthz', headers={'Host': host, 'X-Forwarded-Proto': 'https'}); sys.exit(u.urlopen(r, timeout=2).status != 200)"
CMD ["gunicorn", "--config", "gunicorn.conf.py", "portal.wsgi:application"]
