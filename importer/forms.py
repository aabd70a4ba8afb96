import os
import shutil
import tempfile
import zipfile
from pathlib import Path

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .mapping import Mapping, MappingError

EXPORT_SUFFIXES = (".json", ".csv", ".xlsx", ".zip")
MAPPING_MAX_BYTES = 256 * 1024
# What an uploaded ZIP may unpack to: a crafted archive (a "bomb") is refused, not unpacked.
ZIP_MAX_FILES = 100_000


def upload_limit() -> int:
    return getattr(settings, "IMPORTER_UPLOAD_MAX_BYTES", 200 * 1024 * 1024)


class UploadForm(forms.Form):
    export = forms.FileField(
        label=_("Export"),
        help_text=_("The list's JSON page, its CSV or XLSX (“Export to Excel”), or a ZIP holding the export with "
                    "its files (PublishingImages, Lists/…/Attachments) or a folder of saved pages."))
    mapping = forms.FileField(label=_("Mapping (YAML or JSON)"), required=False,
                              help_text=_("Only when the list's columns have other names than the usual ones."))
    base_url = forms.URLField(
        label=_("Address of the old portal"), required=False, assume_scheme="https",
        help_text=_("Files missing from the upload are fetched from this host, and from no other."))
    dry_run = forms.BooleanField(label=_("Dry run: check every item, import nothing"), required=False)

    def clean_export(self):
        upload = self.cleaned_data["export"]
        if os.path.splitext(upload.name or "")[1].lower() not in EXPORT_SUFFIXES:
            raise ValidationError(_("Upload a JSON, CSV, XLSX or ZIP file."))
        if upload.size > upload_limit():
            raise ValidationError(_("The file is larger than %(limit)d MB: import it with the import_portal "
                                    "command instead.") % {"limit": upload_limit() // (1024 * 1024)})
        return upload

    def clean_mapping(self):
        upload = self.cleaned_data.get("mapping")
        if not upload:
            return Mapping.load()
        suffix = os.path.splitext(upload.name or "")[1].lower()
        if suffix not in (".yaml", ".yml", ".json") or upload.size > MAPPING_MAX_BYTES:
            raise ValidationError(_("The mapping must be a YAML or JSON file of at most 256 KB."))
        with tempfile.NamedTemporaryFile(suffix=suffix, delete=False) as handle:
            for chunk in upload.chunks():
                handle.write(chunk)
        try:
            return Mapping.load(handle.name)
        except MappingError as error:
            raise ValidationError(str(error)) from None
        finally:
            os.unlink(handle.name)

    def unpack(self) -> tuple[Path, Path, Path]:
        """The upload saved in a folder of its own (unpacked if a ZIP): (source, its files'
        folder, that folder). The caller removes the folder. Raises ValidationError for an
        archive that is refused."""
        upload = self.cleaned_data["export"]
        folder = Path(tempfile.mkdtemp(prefix="portal-upload-"))
        target = folder / os.path.basename(upload.name)
        with target.open("wb") as handle:
            for chunk in upload.chunks():
                handle.write(chunk)
        if target.suffix.lower() != ".zip":
            return target, folder, folder
        try:
            self._unzip(target, folder / "export")
        except (zipfile.BadZipFile, ValidationError, OSError, EOFError, ValueError) as error:
            shutil.rmtree(folder, ignore_errors=True)
            raise error if isinstance(error, ValidationError) else ValidationError(
                _("The ZIP file cannot be read.")) from None
        root = folder / "export"
        # The list's export wherever the archive keeps it: its JSON pages' folder, its one table;
        # otherwise the archive is a folder of saved pages.
        pages = sorted({p.parent for p in root.rglob("*.json")})
        tables = sorted(p for p in root.rglob("*") if p.suffix.lower() in (".csv", ".xlsx"))
        source = pages[0] if len(pages) == 1 else tables[0] if len(tables) == 1 and not pages else root
        return source, root, folder

    @staticmethod
    def _unzip(archive: Path, into: Path) -> None:
        with zipfile.ZipFile(archive) as handle:
            members = handle.infolist()
            if len(members) > ZIP_MAX_FILES or sum(m.file_size for m in members) > 5 * upload_limit():
                raise ValidationError(_("The ZIP file holds too much to be unpacked."))
            root = into.resolve()
            for member in members:
                path = (into / member.filename).resolve()
                if not str(path).startswith(str(root) + os.sep) and path != root:
                    raise ValidationError(_("The ZIP file names a place outside itself."))
            handle.extractall(into)
