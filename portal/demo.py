"""Demo site settings, the About and contact page, the links readers look for and a banner."""

import datetime
import io

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont

from .models import AboutPage, Banner, Contact, Leader, Link, LinkGroup, SiteSettings, Unit

LEADERS = [
    ("Nguyễn Văn An", "Giám đốc Sở", "Director",
     "Lãnh đạo chung; tổ chức cán bộ; tài chính; chuyển đổi số.",
     "Overall leadership; staff; finance; digital transformation.", "0236 3822 001",
     "giamdoc.stttt@example.gov.vn"),
    ("Trần Thị Bình", "Phó Giám đốc Sở", "Deputy Director",
     "Báo chí, xuất bản, thông tin cơ sở và thông tin đối ngoại.",
     "Press, publishing, grassroots and external information.", "0236 3822 002", "pgd1.stttt@example.gov.vn"),
    ("Võ Minh Châu", "Phó Giám đốc Sở", "Deputy Director",
     "Bưu chính, viễn thông, tần số vô tuyến điện; công nghệ thông tin.",
     "Post, telecommunications, radio frequencies; information technology.", "0236 3822 003",
     "pgd2.stttt@example.gov.vn"),
]

UNITS = [
    ("Văn phòng Sở", "Office of the Department", "Lê Hoàng Cường", "Chánh Văn phòng", "Chief of Office",
     "0236 3822 010", "vanphong.stttt@example.gov.vn"),
    ("Thanh tra Sở", "Inspectorate", "Đặng Quốc Huy", "Chánh Thanh tra", "Chief Inspector",
     "0236 3822 011", "thanhtra.stttt@example.gov.vn"),
    ("Phòng Bưu chính, Viễn thông", "Post and Telecommunications Division", "Hồ Thị Lan", "Trưởng phòng",
     "Head of Division", "0236 3822 012", "bcvt.stttt@example.gov.vn"),
    ("Phòng Công nghệ thông tin", "Information Technology Division", "Bùi Đức Mạnh", "Trưởng phòng",
     "Head of Division", "0236 3822 013", "cntt.stttt@example.gov.vn"),
    ("Phòng Thông tin, Báo chí, Xuất bản", "Information, Press and Publishing Division", "Ngô Thị Ngọc",
     "Trưởng phòng", "Head of Division", "0236 3822 014", "tbcxb.stttt@example.gov.vn"),
    ("Trung tâm Thông tin và Dịch vụ số", "Centre for Information and Digital Services", "Phan Văn Phúc",
     "Giám đốc Trung tâm", "Director of the Centre", "0236 3822 015", "ttdvs.stttt@example.gov.vn"),
]

LINK_GROUPS = [
    (("Dịch vụ công", "Public services"), LinkGroup.Placement.SERVICES, [
        (("Cổng Dịch vụ công quốc gia", "National Public Service Portal"), "https://dichvucong.gov.vn/"),
        (("Thủ tục hành chính của Sở", "The Department's administrative procedures"),
         "https://dichvucong.example.gov.vn/thu-tuc-hanh-chinh"),
        (("Tra cứu hồ sơ", "Track an application"), "https://dichvucong.example.gov.vn/tra-cuu"),
    ]),
    (("Cổng thông tin Chính phủ và các bộ", "Government and ministries"), LinkGroup.Placement.FOOTER, [
        (("Cổng Thông tin điện tử Chính phủ", "Government Portal"), "https://chinhphu.vn/"),
        (("Bộ Khoa học và Công nghệ", "Ministry of Science and Technology"), "https://mst.gov.vn/"),
        (("Bộ Nội vụ", "Ministry of Home Affairs"), "https://moha.gov.vn/"),
    ]),
    (("Các sở, ngành của tỉnh", "Provincial departments"), LinkGroup.Placement.FOOTER, [
        (("Ủy ban nhân dân tỉnh An Hòa", "An Hoa Provincial People's Committee"), "https://anhoa.example.gov.vn/"),
        (("Sở Tài chính", "Department of Finance"), "https://stc.anhoa.example.gov.vn/"),
        (("Sở Văn hóa, Thể thao và Du lịch", "Department of Culture, Sports and Tourism"),
         "https://svhttdl.anhoa.example.gov.vn/"),
    ]),
]

CONTACTS = [
    ("Lê Hoàng Cường", "Chánh Văn phòng", "Chief of Office", "Văn phòng Sở", "Office of the Department",
     "0236 3822 010", "vanphong.stttt@example.gov.vn"),
    ("Phạm Thu Dung", "Trưởng ban biên tập", "Editor-in-chief", "Ban Biên tập Cổng thông tin",
     "Portal Editorial Board", "0236 3822 020", "bbt.stttt@example.gov.vn"),
]


def load_site() -> None:
    site, _created = SiteSettings.objects.get_or_create(pk=1)
    if not site.address_vi:
        site.portal_name_vi = "Cổng thông tin điện tử Sở Thông tin và Truyền thông"
        site.portal_name_en = "Portal of the Department of Information and Communications"
        site.agency_name_vi = "Sở Thông tin và Truyền thông tỉnh An Hòa"
        site.agency_name_en = "An Hoa Department of Information and Communications"
        site.address_vi = "Số 1 đường Trần Phú, phường Hải Châu, thành phố An Hòa, tỉnh An Hòa"
        site.address_en = "1 Tran Phu Street, Hai Chau Ward, An Hoa City, An Hoa Province"
        site.phone = "0236 3822 000"
        site.email = "stttt@example.gov.vn"
        site.footer_text_vi = ("Giấy phép số 45/GP-TTĐT do Cục Phát thanh, truyền hình và thông tin điện tử cấp.\n"
                               "Chịu trách nhiệm chính: Giám đốc Sở Thông tin và Truyền thông.")
        site.footer_text_en = ("Licence No. 45/GP-TTĐT issued by the Authority of Broadcasting and "
                               "Electronic Information.\nResponsible: the Director of the Department.")
        site.save()
    if not site.description_vi:
        site.description_vi = ("Tin tức, chỉ đạo điều hành, văn bản và thông tin liên hệ của Sở Thông tin "
                               "và Truyền thông tỉnh An Hòa.")
        site.description_en = ("News, directions, documents and contacts of the An Hoa Department of "
                               "Information and Communications.")
        site.save()
    about, _created = AboutPage.objects.get_or_create(pk=1)
    if not about.organisation_vi:
        about.organisation_vi = (
            "Lãnh đạo Sở gồm Giám đốc và các Phó Giám đốc.\n\n"
            "Các phòng chuyên môn: Văn phòng Sở; Thanh tra Sở; Phòng Bưu chính, Viễn thông; "
            "Phòng Công nghệ thông tin; Phòng Thông tin, Báo chí, Xuất bản.\n\n"
            "Đơn vị sự nghiệp: Trung tâm Thông tin và Dịch vụ số.")
        about.organisation_en = (
            "The Department is led by its Director and Deputy Directors.\n\n"
            "Divisions: the Office; the Inspectorate; Post and Telecommunications; Information "
            "Technology; Information, Press and Publishing.\n\n"
            "Public service unit: the Centre for Information and Digital Services.")
        about.functions_vi = (
            "Sở Thông tin và Truyền thông là cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh, "
            "tham mưu, giúp Ủy ban nhân dân tỉnh quản lý nhà nước về báo chí; xuất bản, in và "
            "phát hành; bưu chính; viễn thông; tần số vô tuyến điện; công nghệ thông tin; chuyển đổi số; "
            "thông tin cơ sở; thông tin đối ngoại.\n\n"
            "Sở có tư cách pháp nhân, có con dấu và tài khoản riêng.")
        about.functions_en = (
            "The Department of Information and Communications is a specialised agency of the Provincial "
            "People's Committee. It advises and assists the Committee in the state management of the "
            "press; publishing, printing and distribution; post; telecommunications; radio frequencies; "
            "information technology; digital transformation; grassroots information and external "
            "information.\n\nThe Department has legal status, its own seal and accounts.")
        about.save()
        for order, (name, pos_vi, pos_en, unit_vi, unit_en, phone, email) in enumerate(CONTACTS):
            Contact.objects.create(page=about, name=name, position_vi=pos_vi, position_en=pos_en,
                                   unit_vi=unit_vi, unit_en=unit_en, phone=phone, email=email, order=order)

    if not site.working_hours_vi:
        site.fax = "0236 3822 099"
        site.working_hours_vi = "Thứ Hai đến thứ Sáu: sáng 7:30–11:30, chiều 13:30–17:00"
        site.working_hours_en = "Monday to Friday, 7:30–11:30 and 13:30–17:00"
        site.save()
    if not about.leaders.exists():
        for order, (name, pos_vi, pos_en, duties_vi, duties_en, phone, email) in enumerate(LEADERS):
            Leader.objects.create(page=about, name=name, position_vi=pos_vi, position_en=pos_en, duties_vi=duties_vi,
                                  duties_en=duties_en, phone=phone, email=email, order=order)
    if not about.units.exists():
        for order, (name_vi, name_en, head, pos_vi, pos_en, phone, email) in enumerate(UNITS):
            Unit.objects.create(page=about, name_vi=name_vi, name_en=name_en, head=head, head_position_vi=pos_vi,
                                head_position_en=pos_en, phone=phone, email=email, order=order)
    chart = organisation_chart()
    if not about.chart and chart is not None:
        about.chart_description_vi = ("Sơ đồ tổ chức: Ban Giám đốc Sở; dưới là Văn phòng, Thanh tra và ba phòng "
                                      "chuyên môn; Trung tâm Thông tin và Dịch vụ số là đơn vị sự nghiệp.")
        about.chart_description_en = ("Organisation chart: the Board of Directors; under it the Office, the "
                                      "Inspectorate and three divisions; the Centre for Information and Digital "
                                      "Services is a public service unit.")
        about.chart.save("so-do-to-chuc.png", chart, save=True)
    load_links()


def load_links() -> None:
    if not LinkGroup.objects.exists():
        for order, ((vi, en), placement, links) in enumerate(LINK_GROUPS):
            group = LinkGroup.objects.create(name_vi=vi, name_en=en, placement=placement, order=order)
            for position, ((title_vi, title_en), url) in enumerate(links):
                Link.objects.create(group=group, title_vi=title_vi, title_en=title_en, url=url, order=position)
    if not Banner.objects.exists():
        banner = Banner(title_vi="Chung tay chuyển đổi số: dùng dịch vụ công trực tuyến",
                        title_en="Go digital together: use the online public services",
                        url="https://dichvucong.gov.vn/", starts_on=timezone.localdate() - datetime.timedelta(days=30),
                        ends_on=timezone.localdate() + datetime.timedelta(days=60))
        banner.image.save("chuyen-doi-so.png", banner_image(), save=False)
        banner.save()


def _font(size):
    """DejaVu Sans (Vietnamese letters) where the system has it; None otherwise."""
    try:
        return ImageFont.truetype("DejaVuSans.ttf", size)
    except OSError:
        return None


def _png(image) -> ContentFile:
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return ContentFile(buffer.getvalue())


def banner_image() -> ContentFile:
    """A 1200 × 150 campaign banner; its words are in its text, for readers and screen readers."""
    image = Image.new("RGB", (1200, 150), (11, 79, 138))
    draw = ImageDraw.Draw(image)
    for x in range(1200):
        draw.line([(x, 0), (x, 150)], fill=(11 + x // 20, 79 + x // 30, 138))
    for n in range(6):
        draw.ellipse([900 + n * 30, 20 + n * 8, 1010 + n * 30, 130 - n * 8], outline=(255, 214, 102), width=3)
    font = _font(40)
    if font is not None:
        draw.text((40, 50), "Chung tay chuyển đổi số", font=font, fill=(255, 255, 255))
    return _png(image)


def organisation_chart():
    """The units of UNITS under the Board of Directors, drawn with DejaVu Sans; None without it."""
    font = _font(18)
    if font is None:
        return None
    image = Image.new("RGB", (1200, 270), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    ink, box = (7, 55, 99), (243, 246, 250)
    draw.rounded_rectangle([450, 20, 750, 80], 8, fill=box, outline=ink, width=2)
    draw.text((600, 50), "Ban Giám đốc Sở", font=font, fill=ink, anchor="mm")
    draw.line([(600, 80), (600, 130), (100, 130), (1100, 130)], fill=ink, width=2)
    for n, unit in enumerate(UNITS):
        x = 100 + n * 200
        draw.line([(x, 130), (x, 170)], fill=ink, width=2)
        draw.rounded_rectangle([x - 95, 170, x + 95, 250], 8, fill=box, outline=ink, width=2)
        words, lines = unit[0].split(), [""]
        for word in words:
            if draw.textlength(f"{lines[-1]} {word}", font=font) > 170:
                lines.append(word)
            else:
                lines[-1] = f"{lines[-1]} {word}".strip()
        for row, line in enumerate(lines):
            draw.text((x, 205 + row * 26), line, font=font, fill=ink, anchor="mm")
    return _png(image)
