"""Static files as WhiteNoise stores them, with each file's URL looked up once per process."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """`{% static %}` on every page asks for the same few names; the manifest a process has
    loaded never changes under it, so each name's hashed URL is kept once found (~50 µs each)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls = {}

    def url(self, name, force=False):
        if force:
            return super().url(name, force)
        try:
            return self._urls[name]
        except KeyError:
            url = self._urls[name] = super().url(name)
            return url
