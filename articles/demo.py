"""Demo articles: five categories, forty articles in both languages, images drawn by Pillow."""

import io
import random
from datetime import timedelta
from decimal import Decimal

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image, ImageDraw

from portal.roles import APPROVERS, SECRETARIES

from .models import ApprovalLevel, Article, ArticleType, Attachment, Category, EditorialNote, Transition

CATEGORIES = [
    ("tin-hoat-dong", "Tin hoạt động", "Activities", (11, 79, 138)),
    ("chi-dao-dieu-hanh", "Chỉ đạo điều hành", "Direction and administration", (183, 28, 28)),
    ("kinh-te-xa-hoi", "Kinh tế - Xã hội", "Economy and society", (27, 127, 58)),
    ("van-hoa-du-lich", "Văn hóa - Du lịch", "Culture and tourism", (161, 92, 0)),
    ("cong-tac-dan-van", "Công tác dân vận", "Mass mobilisation", (94, 53, 177)),
]

TITLES = {
    "tin-hoat-dong": [
        ("Hội nghị tổng kết công tác chuyển đổi số năm 2026", "Conference reviews digital transformation in 2026"),
        ("Đoàn công tác của Bộ làm việc với Sở về hạ tầng viễn thông", "Ministry delegation reviews telecom infrastructure with the Department"),
        ("Khai mạc lớp bồi dưỡng kỹ năng số cho cán bộ cấp xã", "Digital skills course opens for commune officials"),
        ("Sở ký kết hợp tác với các doanh nghiệp công nghệ", "Department signs cooperation agreements with technology firms"),
        ("Hội thảo bảo đảm an toàn thông tin cho cơ quan nhà nước", "Workshop on information security for state agencies"),
        ("Trao giải cuộc thi ảnh đẹp quê hương", "Prizes awarded in the hometown photo contest"),
        ("Ra mắt trung tâm giám sát điều hành thông minh", "Intelligent operations centre launched"),
        ("Giao ban báo chí tháng 11", "November press briefing"),
        ("Tập huấn nghiệp vụ biên tập cho cổng thông tin cấp huyện", "Editing workshop for district portals"),
        ("Kiểm tra an toàn hệ thống thông tin quý IV", "Fourth-quarter information security inspection"),
        ("Diễn tập ứng cứu sự cố an toàn thông tin mạng", "Cyber incident response drill"),
        ("Đưa vào vận hành hệ thống hội nghị truyền hình trực tuyến", "Online video conference system goes live"),
        ("Tổng kết chương trình sóng và máy tính cho em", "Review of the broadband and computers for pupils programme"),
        ("Cấp phép xuất bản bản tin cho các sở, ngành", "Newsletter licences issued to departments"),
    ],
    "chi-dao-dieu-hanh": [
        ("Triển khai kế hoạch cải cách hành chính giai đoạn 2026-2030", "Administrative reform plan for 2026-2030 under way"),
        ("Chỉ thị tăng cường kỷ luật, kỷ cương hành chính", "Directive on stronger administrative discipline"),
        ("Quyết định công bố thủ tục hành chính mới trong lĩnh vực bưu chính", "New administrative procedures published for postal services"),
        ("Kế hoạch phòng, chống thiên tai mùa mưa bão", "Plan for natural disaster prevention in the storm season"),
        ("Hướng dẫn sử dụng chữ ký số trong văn bản điện tử", "Guidance on digital signatures in electronic documents"),
        ("Thông báo lịch tiếp công dân định kỳ", "Schedule of regular citizen receptions"),
        ("Đẩy mạnh thanh toán không dùng tiền mặt trong dịch vụ công", "Cashless payment for public services to expand"),
        ("Rà soát, sắp xếp lại các đơn vị sự nghiệp công lập", "Review and reorganisation of public service units"),
    ],
    "kinh-te-xa-hoi": [
        ("Tăng trưởng kinh tế 10 tháng đạt 8,2%", "Economy grows 8.2% in ten months"),
        ("Thu hút đầu tư vào khu công nghệ thông tin tập trung", "Investment drawn to the information technology park"),
        ("Hỗ trợ hộ kinh doanh chuyển sang thương mại điện tử", "Household businesses helped onto e-commerce"),
        ("Phủ sóng 5G toàn bộ khu đô thị trung tâm", "5G covers the whole city centre"),
        ("Chương trình bình dân học vụ số cho người cao tuổi", "Digital literacy programme for older citizens"),
        ("Giải quyết việc làm cho hơn 30.000 lao động", "Jobs found for more than 30,000 workers"),
        ("Hạ tầng cáp quang đến 100% thôn, bản", "Fibre reaches every village"),
        ("Nông sản địa phương lên sàn thương mại điện tử", "Local produce goes on sale online"),
    ],
    "van-hoa-du-lich": [
        ("Lễ hội pháo hoa quốc tế thu hút hàng vạn du khách", "International fireworks festival draws tens of thousands"),
        ("Số hóa di sản văn hóa phi vật thể của tỉnh", "The province's intangible heritage goes digital"),
        ("Tuần lễ văn hóa ẩm thực các dân tộc", "Week of ethnic food culture"),
        ("Thư viện số phục vụ bạn đọc vùng sâu, vùng xa", "Digital library serves remote readers"),
        ("Phát triển du lịch cộng đồng gắn với bảo tồn làng nghề", "Community tourism to help preserve craft villages"),
        ("Triển lãm ảnh 50 năm xây dựng và phát triển", "Photo exhibition marks 50 years of development"),
        ("Ứng dụng thuyết minh tự động tại các điểm di tích", "Automatic audio guides at heritage sites"),
        ("Liên hoan văn nghệ quần chúng năm 2026", "Amateur arts festival 2026"),
    ],
    "cong-tac-dan-van": [
        ("Dân vận khéo trong xây dựng nông thôn mới", "Skilful mass mobilisation in building new rural areas"),
        ("Đối thoại giữa người đứng đầu chính quyền với nhân dân", "Dialogue between local leaders and citizens"),
        ("Phát huy vai trò của người có uy tín trong đồng bào dân tộc thiểu số", "Respected elders' role in ethnic minority communities"),
        ("Tiếp nhận và trả lời phản ánh, kiến nghị của người dân qua cổng thông tin", "Citizens' feedback answered through the portal"),
        ("Mô hình dân vận chính quyền trong giải quyết thủ tục hành chính", "Mass mobilisation model in administrative services"),
        ("Tuyên dương điển hình dân vận khéo năm 2026", "Exemplary mass mobilisation work honoured"),
        ("Hội nghị công tác dân vận của hệ thống chính trị", "Conference on mass mobilisation in the political system"),
        ("Lấy ý kiến nhân dân về quy hoạch đô thị", "Citizens consulted on the urban plan"),
    ],
}

PARAGRAPHS_VI = [
    "Phát biểu tại buổi làm việc, lãnh đạo Sở nhấn mạnh việc lấy người dân, doanh nghiệp làm trung tâm, "
    "bảo đảm thông tin được cung cấp đầy đủ, kịp thời và chính xác.",
    "Trong thời gian qua, các cơ quan, đơn vị đã tích cực triển khai nhiệm vụ được giao, đạt nhiều kết quả "
    "quan trọng; tuy nhiên vẫn còn một số tồn tại, hạn chế cần được khắc phục trong thời gian tới.",
    "Các đại biểu đã thảo luận, đóng góp nhiều ý kiến tâm huyết, đề xuất giải pháp thiết thực nhằm nâng cao "
    "hiệu quả công tác trong năm tiếp theo.",
    "Kết thúc hội nghị, Sở giao các phòng chuyên môn tổng hợp ý kiến, hoàn thiện kế hoạch và báo cáo Ủy ban "
    "nhân dân tỉnh trước ngày 15 tháng 12.",
]
PARAGRAPHS_EN = [
    "Speaking at the meeting, the Department's leaders stressed that citizens and businesses come first, "
    "and that information must be complete, timely and accurate.",
    "Agencies and units have carried out their tasks actively and achieved important results; some "
    "shortcomings remain and will be addressed in the coming period.",
    "Delegates discussed the matter and proposed practical measures to make the work more effective "
    "next year.",
    "At the close of the conference, the Department asked its divisions to collect the comments, finish "
    "the plan and report to the Provincial People's Committee by 15 December.",
]


def demo_image(seed: int, colour: tuple[int, int, int]) -> ContentFile:
    """A landscape drawn from the seed: sky, sun, hills and a river. Nothing downloaded."""
    rng = random.Random(seed)
    width, height = 1200, 750
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    top = tuple(min(255, c + 120) for c in colour)
    for y in range(height):
        t = y / height
        draw.line([(0, y), (width, y)], fill=tuple(int(top[i] * (1 - t) + 250 * t) for i in range(3)))
    sun_x, sun_y = rng.randint(150, 1050), rng.randint(80, 220)
    draw.ellipse([sun_x - 60, sun_y - 60, sun_x + 60, sun_y + 60], fill=(255, 214, 102))
    for layer in range(3):
        base = 380 + layer * 110
        shade = tuple(max(0, int(c * (0.9 - layer * 0.25))) for c in colour)
        points = [(0, height)]
        for x in range(0, width + 100, 100):
            points.append((x, base - rng.randint(0, 140)))
        points.append((width, height))
        draw.polygon(points, fill=shade)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=82)
    return ContentFile(buffer.getvalue(), name=f"demo-{seed}.jpg")


def demo_pdf(title: str) -> ContentFile:
    """A one-page PDF written by hand (ASCII title), enough for a real download."""
    text = title.encode("ascii", "replace").decode().replace("(", "[").replace(")", "]")
    stream = f"BT /F1 18 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return ContentFile(out.getvalue(), name="van-ban.pdf")


# What each section publishes, as a search engine shows it under the section's title.
DESCRIPTIONS = {
    "tin-hoat-dong": ("Hoạt động của lãnh đạo và các phòng, đơn vị thuộc Sở.",
                      "The work of the Department's leaders, divisions and units."),
    "chi-dao-dieu-hanh": ("Chỉ đạo, điều hành của Ủy ban nhân dân tỉnh và của Sở.",
                          "Directions of the Provincial People's Committee and of the Department."),
    "kinh-te-xa-hoi": ("Tình hình kinh tế - xã hội, chuyển đổi số và đầu tư trên địa bàn tỉnh.",
                       "The province's economy and society, digital transformation and investment."),
    "van-hoa-du-lich": ("Văn hóa, lễ hội, di tích và du lịch của tỉnh An Hòa.",
                        "Culture, festivals, heritage sites and tourism in An Hoa."),
    "cong-tac-dan-van": ("Công tác dân vận, tiếp công dân và giải quyết kiến nghị.",
                         "Mass mobilisation, receiving citizens and answering their petitions."),
}


def _html(paragraphs):
    return "".join(f"<p>{p}</p>" for p in paragraphs)


def load_articles(users, stdout) -> None:
    rng = random.Random(2026)
    categories = {}
    for order, (slug, vi, en, colour) in enumerate(CATEGORIES):
        category, _created = Category.objects.get_or_create(
            slug=slug, defaults={"name": vi, "name_vi": vi, "name_en": en, "order": order})
        if not category.description_vi:
            category.description_vi, category.description_en = DESCRIPTIONS[slug]
            category.save(update_fields=["description", "description_vi", "description_en"])
        categories[slug] = (category, colour)
    types = list(ArticleType.objects.all())
    news = ArticleType.default()
    now = timezone.now()
    created = 0
    index = 0
    for slug, titles in TITLES.items():
        category, colour = categories[slug]
        for position, (title_vi, title_en) in enumerate(titles):
            index += 1
            if Article.objects.filter(title_vi=title_vi).exists():
                continue
            # Spread over a year; a few scheduled, pending, drafts and untranslated ones.
            publish_at = now - timedelta(days=position * 40 + index, hours=rng.randint(0, 10))
            approval = Article.Approval.APPROVED
            if position == 7:
                approval = Article.Approval.PENDING
            elif position == 6 and slug == "tin-hoat-dong":
                approval = Article.Approval.DRAFT
            if position == 0 and slug in ("tin-hoat-dong", "kinh-te-xa-hoi"):
                publish_at = now + timedelta(days=3)  # scheduled
            elif position == 0:
                publish_at = now - timedelta(hours=index % 24 + 1)  # today's news (the news sitemap)
            english = index % 5 != 0
            article_type = news if position % 3 else rng.choice(types)
            coefficient = Decimal(rng.randint(4, int(article_type.max_coefficient) * 4)) / 4
            paragraphs = rng.sample(range(len(PARAGRAPHS_VI)), 3)
            article = Article(
                title_vi=title_vi, title_en=title_en if english else "",
                summary_vi=f"{title_vi}. {PARAGRAPHS_VI[paragraphs[0]]}",
                summary_en=f"{title_en}. {PARAGRAPHS_EN[paragraphs[0]]}" if english else "",
                content_vi=_html([PARAGRAPHS_VI[i] for i in paragraphs]),
                content_en=_html([PARAGRAPHS_EN[i] for i in paragraphs]) if english else "",
                image_caption_vi=f"Ảnh minh họa: {title_vi}",
                image_caption_en=f"Illustration: {title_en}" if english else "",
                category=category, article_type=article_type, publish_at=publish_at,
                featured=position in (1, 2) and approval == Article.Approval.APPROVED,
                created_by=users["editor"], author_name=rng.choice(
                    ["Nguyễn Minh Tuấn", "Lê Thị Hoa", "Trần Quốc Bảo", "Phạm Ngọc Lan"]),
                pen_name=rng.choice(["", "Minh Tuấn", "Hoa Lê", "", "Quốc Bảo"]),
                phone="0905 000 111", email="phongvien@example.gov.vn",
                page_count=rng.randint(1, 3), photo_count=rng.randint(0, 4), coefficient=coefficient,
                approval=approval, read_count=rng.randint(20, 5000) if approval == "approved" else 0,
            )
            article.image.save(f"demo-{index}.jpg", demo_image(index, colour), save=False)
            if approval == Article.Approval.APPROVED:
                article.approved_by = users["approver"]
                article.approved_at = min(publish_at, now)
            article.save()
            if position % 4 == 1:
                Attachment.objects.create(article=article, title_vi="Văn bản kèm theo (PDF)",
                                          title_en="Attached document (PDF)", file=demo_pdf(title_en))
            created += 1
    if created:
        stdout.write(f"Created {created} demo articles.")


LEVELS = [
    # position, Vietnamese, English, the group that acts, may act on their own articles
    (1, "Thư ký tòa soạn kiểm tra", "Checked by the section secretary", SECRETARIES, False),
    (2, "Lãnh đạo Ban biên tập duyệt", "Approved by the head of the editorial board", APPROVERS, True),
]
RETURN_NOTE = "Bổ sung số liệu quý III và tên đơn vị cung cấp; kiểm tra lại chú thích ảnh."


def load_workflow(users, stdout) -> None:
    """Two levels of approval, with the demo's pending articles waiting at each and one returned."""
    if ApprovalLevel.objects.exists():
        return
    for position, vi, en, group, own in LEVELS:
        ApprovalLevel.objects.create(position=position, name=vi, name_vi=vi, name_en=en, own_articles=own,
                                     group=Group.objects.get(name=group))
    Action, Approval = Transition.Action, Article.Approval
    editor, secretary = users["editor"], users["secretary"]
    now = timezone.now()
    for n, article in enumerate(Article.objects.filter(approval=Approval.PENDING).order_by("pk")):
        at = now - timedelta(hours=30 - 3 * n)
        Transition.objects.create(article=article, by=editor, at=at, action=Action.SUBMIT,
                                  from_status=Approval.DRAFT, to_status=Approval.PENDING, to_level=1)
        if n == 0:  # returned to its editor, with what to change
            Transition.objects.create(article=article, by=secretary, at=at + timedelta(hours=2), action=Action.RETURN,
                                      from_status=Approval.PENDING, from_level=1, to_status=Approval.RETURNED,
                                      reason=RETURN_NOTE)
            Article.objects.filter(pk=article.pk).update(approval=Approval.RETURNED, approval_level=0,
                                                         rejection_reason=RETURN_NOTE)
            EditorialNote.objects.create(article=article, by=editor, at=at - timedelta(hours=1),
                                         text="Ảnh do phóng viên Minh Tuấn chụp tại hội nghị; đã xin phép đăng.")
            EditorialNote.objects.create(article=article, by=secretary, at=at + timedelta(hours=2),
                                         text="Số liệu lấy từ báo cáo của Sở Kế hoạch và Đầu tư, cần ghi nguồn.")
            continue
        level = 2 if n % 2 else 1
        if level == 2:
            Transition.objects.create(article=article, by=secretary, at=at + timedelta(hours=1), action=Action.FORWARD,
                                      from_status=Approval.PENDING, from_level=1, to_status=Approval.PENDING,
                                      to_level=2)
        Article.objects.filter(pk=article.pk).update(approval_level=level)
    stdout.write("Two approval levels, with articles waiting at each and one returned for revision.")


def load(*, users, stdout) -> None:
    """This app's part of `manage.py load_demo`."""
    load_articles(users, stdout)
    load_workflow(users, stdout)
