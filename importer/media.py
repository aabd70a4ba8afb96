"""The old portal's files: found in the media folder saved with the export, and fetched from
the old portal itself only when its address is given (never from any other host)."""

import hashlib
import os
import re
import tempfile
import urllib.request
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from django.core.files import File
from django.utils.translation import gettext as _

FETCH_MAX_BYTES = 20 * 1024 * 1024
FETCH_TIMEOUT = 20
_SRC = re.compile(r"""src\s*=\s*["']([^"']+)["']""", re.I)


class MediaError(Exception):
    """A file the item names cannot be had."""


class _SameHostRedirects(urllib.request.HTTPRedirectHandler):
    def __init__(self, host):
        self.host = host

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if urlsplit(newurl).hostname != self.host:
            raise MediaError(_("the old portal sent the file's address to another host"))
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class MediaFolder:
    def __init__(self, folder=None, base_url: str = ""):
        self.folder = Path(folder).resolve() if folder else None
        self.base_url = base_url.rstrip("/") + "/" if base_url else ""
        self.host = urlsplit(self.base_url).hostname if base_url else None
        self.by_path, self.by_name = {}, {}
        if self.folder and self.folder.is_dir():
            for path in self.folder.rglob("*"):
                if path.is_file():
                    relative = path.relative_to(self.folder).as_posix().lower()
                    self.by_path[relative] = path
                    self.by_name.setdefault(path.name.lower(), []).append(path)
        self.fetched = Path(tempfile.mkdtemp(prefix="portal-import-")) if self.host else None

    @staticmethod
    def address_of(value: str) -> str:
        """A picture column's address: SharePoint writes `<img src="…">`, "address, description"
        or a bare address."""
        value = (value or "").strip()
        found = _SRC.search(value)
        if found:
            return found.group(1).strip()
        if ", " in value and not value.lower().startswith("data:"):
            return value.split(", ", 1)[0].strip()
        return value

    def find(self, address: str) -> Path:
        """The local file an address names: by its path under the folder (any site prefix
        dropped), by its file name when only one file has it, or fetched from the old portal."""
        address = (address or "").strip()
        if not address or address.lower().startswith(("data:", "javascript:", "mailto:")):
            raise MediaError(_("no file is named"))
        parts = urlsplit(address)
        path = unquote(parts.path).replace("\\", "/").lstrip("/")
        segments = [s for s in path.split("/") if s and s not in (".", "..")]
        for start in range(len(segments)):
            found = self.by_path.get("/".join(segments[start:]).lower())
            if found:
                return found
        same_name = self.by_name.get(segments[-1].lower(), []) if segments else []
        if len(same_name) == 1:
            return same_name[0]
        if self.host and (not parts.scheme or parts.hostname == self.host):
            return self._fetch(urljoin(self.base_url, address))
        if parts.scheme in ("http", "https") and parts.hostname:
            raise MediaError(_("%(name)s is on another host (%(host)s) and is never fetched")
                             % {"name": segments[-1] if segments else address[:80], "host": parts.hostname})
        raise MediaError(_("%(name)s is not in the media folder") % {"name": (segments or [address])[-1][:120]})

    def _fetch(self, url: str) -> Path:
        if urlsplit(url).hostname != self.host or urlsplit(url).scheme not in ("http", "https"):
            raise MediaError(_("only the old portal's own files are fetched"))
        target = self.fetched / (hashlib.sha256(url.encode()).hexdigest()[:24] + "-" +
                                 os.path.basename(unquote(urlsplit(url).path))[-80:])
        if target.exists():
            return target
        opener = urllib.request.build_opener(_SameHostRedirects(self.host))
        try:
            with opener.open(urllib.request.Request(url, headers={"User-Agent": "portal-import"}),
                             timeout=FETCH_TIMEOUT) as answer:
                data = answer.read(FETCH_MAX_BYTES + 1)
        except MediaError:
            raise
        except Exception as error:
            raise MediaError(_("%(name)s could not be fetched (%(error)s)")
                             % {"name": target.name[25:], "error": str(error)[:80]}) from None
        if len(data) > FETCH_MAX_BYTES:
            raise MediaError(_("%(name)s is larger than 20 MB") % {"name": target.name[25:]})
        target.write_bytes(data)
        return target

    @staticmethod
    def open(path: Path) -> File:
        return File(path.open("rb"), name=path.name)
