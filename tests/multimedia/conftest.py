import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as Picture

from multimedia.services import image_create


def jpeg(width=1200, height=800, *, gps=False, colour=(180, 90, 40)) -> bytes:
    picture = Picture.new("RGB", (width, height), colour)
    exif = Picture.Exif()
    exif[0x010F] = "Camera maker"
    if gps:
        exif[0x8825] = {1: "N", 2: (21.0, 1.0, 30.0), 3: "E", 4: (105.0, 51.0, 0.0)}
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", exif=exif.tobytes())
    return buffer.getvalue()


def upload(name="anh.jpg", data=None, content_type="image/jpeg"):
    return SimpleUploadedFile(name, jpeg() if data is None else data, content_type=content_type)


@pytest.fixture
def make_image(db):
    def make(n=0, **fields):
        fields = {"alt_vi": f"Ảnh số {n}", "alt_en": f"Photo {n}", "caption_vi": f"Chú thích {n}",
                  "caption_en": f"Caption {n}", **fields}
        return image_create(file=upload(f"anh-{n}.jpg", jpeg(colour=(n * 20 % 255, 90, 40))), **fields)
    return make


@pytest.fixture
def library_image(make_image):
    return make_image()
