"""Demo media: the seed's conference report with its three captioned photos in the text, a photo
story of six photos and a video article with a poster and captions. Every image is drawn here
with Pillow; the video (demo_media/hoi-nghi.webm, four seconds drawn the same way) is ours too."""

import datetime
import io
import pathlib
import random

from django.core.files.base import ContentFile, File
from django.db import transaction
from django.utils import timezone
from PIL import Image as Picture, ImageDraw, ImageFont

from articles.models import Article, ArticleType, Category

from .models import GalleryPhoto, Video
from .services import figure_html, image_create

DEMO_MEDIA = pathlib.Path(__file__).parent / "demo_media"
SEED_TITLE = "Hội nghị trực tuyến toàn quốc sơ kết công tác dân vận 6 tháng đầu năm 2021"
STORY_TITLE = "Phóng sự ảnh: Một ngày ở Trung tâm Phục vụ hành chính công"
VIDEO_TITLE = "Video: Hội nghị trực tuyến về chuyển đổi số cấp xã"

SEED_PHOTOS = [
    ("Hà Nội", "Hội trường điểm cầu trung tâm, màn hình lớn và các đại biểu ngồi theo hàng",
     "The central venue's hall: a large screen and delegates seated in rows",
     "Điểm cầu trung tâm tại Hà Nội", "The central venue in Hanoi", (94, 53, 177)),
    ("Bình Dương", "Đại biểu dự hội nghị tại điểm cầu Bình Dương, nhìn từ cuối phòng",
     "Delegates at the Binh Duong venue, seen from the back of the room",
     "Điểm cầu Bình Dương", "The Binh Duong venue", (11, 79, 138)),
    ("Bình Dương – chủ tọa", "Chủ tọa phát biểu tại điểm cầu Bình Dương",
     "The chair speaking at the Binh Duong venue",
     "Điểm cầu Bình Dương: đồng chí Võ Văn Minh phát biểu chỉ đạo",
     "The Binh Duong venue: Vo Van Minh gives his directions", (21, 101, 84)),
]
STORY_PHOTOS = [
    ("Người dân lấy số thứ tự ở quầy tiếp đón", "Residents take a queue number at the reception desk",
     "7 giờ 30: những người đầu tiên lấy số thứ tự.", "7.30 am: the first residents take a number."),
    ("Cán bộ một cửa hướng dẫn hồ sơ tại quầy", "A one-stop officer explains a file at the counter",
     "Cán bộ một cửa hướng dẫn kê khai hồ sơ.", "A one-stop officer helps fill in a form."),
    ("Màn hình tra cứu tình trạng hồ sơ", "The screen where applicants track their files",
     "Tra cứu tình trạng hồ sơ trên màn hình cảm ứng.", "Tracking a file on the touch screen."),
    ("Thanh toán phí bằng mã QR", "Paying a fee with a QR code",
     "Phí, lệ phí được thanh toán không dùng tiền mặt.", "Fees are paid without cash."),
    ("Góc hỗ trợ dịch vụ công trực tuyến", "The online public services help corner",
     "Đoàn viên thanh niên hỗ trợ nộp hồ sơ trực tuyến.", "Youth volunteers help file online."),
    ("Người dân nhận kết quả tại quầy trả kết quả", "A resident collects the result at the counter",
     "Nhận kết quả đúng hẹn, trước 16 giờ.", "Results handed over on time, before 4 pm."),
]
CAPTIONS_VTT = """WEBVTT

00:00.000 --> 00:02.000
Hội nghị trực tuyến về chuyển đổi số cấp xã.

00:02.000 --> 00:04.000
Video minh họa của Cổng thông tin.
"""


def _font(size):
    try:
        return ImageFont.truetype("DejaVuSans.ttf", size)
    except OSError:
        return None


def photo(seed: int, colour, label: str) -> ContentFile:
    """A 1600 × 1000 "photo": a hall with a screen, rows of people and the label on the screen."""
    rng = random.Random(seed)
    width, height = 1600, 1000
    image = Picture.new("RGB", (width, height), tuple(min(255, c + 150) for c in colour))
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 620, width, height], fill=tuple(max(0, c - 30) for c in colour))
    draw.rectangle([360, 90, 1240, 520], fill=(250, 250, 250), outline=(40, 40, 40), width=8)
    font = _font(54)
    if font is not None:
        draw.text((800, 300), label, font=font, fill=colour, anchor="mm")
    for row in range(4):
        y = 640 + row * 90
        for x in range(60 + rng.randint(0, 40), width, 120):
            shade = tuple(rng.randint(20, 90) for _ in range(3))
            draw.ellipse([x, y - 40, x + 56, y + 16], fill=shade)
            draw.rectangle([x - 10, y + 10, x + 66, y + 80], fill=shade)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return ContentFile(buffer.getvalue(), name=f"anh-{seed}.jpg")


def _figures(images, captions):
    return [figure_html(image, caption=caption) for image, caption in zip(images, captions)]


def load_seed_article(users, category, now):
    images = [image_create(file=photo(n, colour, label), alt_vi=alt_vi, alt_en=alt_en, caption_vi=caption_vi,
                           caption_en=caption_en, credit="Trần Thông Thái – BDVTU",
                           taken_on=datetime.date(2021, 7, 13), by=users.get("editor"))
              for n, (label, alt_vi, alt_en, caption_vi, caption_en, colour) in enumerate(SEED_PHOTOS)]
    vi = _figures(images, [p[3] for p in SEED_PHOTOS])
    en = _figures(images, [p[4] for p in SEED_PHOTOS])
    Article.objects.create(
        title_vi=SEED_TITLE, title_en="National online conference reviews mass mobilisation in the first half of 2021",
        summary_vi="Sáng 13/7/2021, Ban Dân vận Trung ương tổ chức Hội nghị trực tuyến toàn quốc sơ kết công tác "
                   "dân vận 6 tháng đầu năm, triển khai nhiệm vụ 6 tháng cuối năm 2021.",
        summary_en="On 13 July 2021 the Central Mass Mobilisation Commission held a national online conference "
                   "on the first half of the year's work and the tasks of the second.",
        content_vi=("<p>Tại điểm cầu trung tâm tại Hà Nội, dự và chỉ đạo Hội nghị có đồng chí Bùi Thị Minh Hoài, "
                    "Bí thư Trung ương Đảng, Trưởng Ban Dân vận Trung ương.</p>" + vi[0]
                    + "<p>Tại điểm cầu Bình Dương đến dự và chủ trì hội nghị có đồng chí Võ Văn Minh, Phó Bí thư "
                      "Tỉnh ủy, Chủ tịch Ủy ban nhân dân Tỉnh.</p>"
                      "<p>Theo đánh giá của Ban Dân vận Trung ương, trong 6 tháng đầu năm 2021 công tác dân vận "
                      "của hệ thống chính trị có nhiều chuyển biến tích cực.</p>" + vi[1] + vi[2]
                    + "<p>Cũng trong sáng nay, tại điểm cầu Bình Dương đã lồng ghép hội nghị sơ kết công tác dân "
                      "vận Bình Dương trong 6 tháng đầu năm 2021.</p>"),
        content_en=("<p>At the central venue in Hanoi, Bui Thi Minh Hoai, Secretary of the Party Central "
                    "Committee and Head of its Mass Mobilisation Commission, chaired the conference.</p>" + en[0]
                    + "<p>At the Binh Duong venue the conference was attended and chaired by Vo Van Minh, Deputy "
                      "Secretary of the Provincial Party Committee and Chairman of the Provincial People's "
                      "Committee.</p>" + en[1] + en[2]
                    + "<p>The same morning, the Binh Duong venue also reviewed the province's own work of the "
                      "first half of 2021.</p>"),
        pen_name="Trần Thông Thái – BDVTU", category=category, publish_at=now - datetime.timedelta(hours=3),
        approval=Article.Approval.APPROVED, created_by=users.get("editor"), approved_by=users.get("approver"),
        approved_at=now)


def load_story(users, category, now):
    story = Article.objects.create(
        title_vi=STORY_TITLE, title_en="Photo story: a day at the public administration service centre",
        summary_vi="Sáu khoảnh khắc từ lúc mở cửa đến khi trả kết quả.",
        summary_en="Six moments from opening time to the last result handed over.",
        content_vi="<p>Ảnh: Ban Biên tập.</p>", content_en="<p>Photos: the editorial board.</p>",
        category=category, article_type=ArticleType.objects.filter(name_vi="Ảnh").first() or ArticleType.default(),
        publish_at=now - datetime.timedelta(hours=5), approval=Article.Approval.APPROVED,
        created_by=users.get("editor"), approved_by=users.get("approver"), approved_at=now)
    for position, (alt_vi, alt_en, caption_vi, caption_en) in enumerate(STORY_PHOTOS):
        image = image_create(file=photo(10 + position, (183 - position * 20, 28 + position * 25, 28 + position * 18),
                                        f"{position + 1}/6"),
                             alt_vi=alt_vi, alt_en=alt_en, caption_vi=caption_vi, caption_en=caption_en,
                             credit="Ban Biên tập", taken_on=timezone.localdate(), by=users.get("editor"))
        GalleryPhoto.objects.create(article=story, image=image, position=position)


def load_video(users, category, now):
    poster = image_create(file=photo(30, (11, 79, 138), "Video"), alt_vi="Khung hình đầu của video hội nghị",
                          alt_en="The conference video's first frame", credit="Ban Biên tập",
                          by=users.get("editor"))
    article = Article.objects.create(
        title_vi=VIDEO_TITLE, title_en="Video: online conference on digital transformation in communes",
        summary_vi="Bốn giây minh họa, có phụ đề.", summary_en="Four illustrative seconds, with captions.",
        content_vi="<p>Video do Cổng thông tin thực hiện.</p>", content_en="<p>A video by the portal.</p>",
        category=category, publish_at=now - datetime.timedelta(hours=7), approval=Article.Approval.APPROVED,
        created_by=users.get("editor"), approved_by=users.get("approver"), approved_at=now)
    with open(DEMO_MEDIA / "hoi-nghi.webm", "rb") as handle:
        video = Video(article=article, poster=poster, title_vi="Hội nghị trực tuyến về chuyển đổi số cấp xã",
                      title_en="Online conference on digital transformation in communes")
        video.file.save("hoi-nghi.webm", File(handle), save=False)
        video.captions.save("hoi-nghi.vtt", ContentFile(CAPTIONS_VTT.encode()), save=False)
        video.save()


def load(*, users, stdout) -> None:
    """This app's part of `manage.py load_demo`."""
    category = Category.objects.filter(slug="cong-tac-dan-van").first() or Category.objects.first()
    if category is None:
        return
    now = timezone.now()
    with transaction.atomic():
        for title, step in ((SEED_TITLE, load_seed_article), (STORY_TITLE, load_story), (VIDEO_TITLE, load_video)):
            if not Article.objects.filter(title_vi=title).exists():
                step(users, category, now)
    stdout.write("Demo photos, photo story and video ready.")
