"""Demo site settings and the About and contact page."""

from .models import AboutPage, Contact, SiteSettings

CONTACTS = [
    ("Nguyễn Văn An", "Giám đốc Sở", "Director", "Ban Giám đốc", "Board of Directors",
     "0236 3822 001", "giamdoc.stttt@example.gov.vn"),
    ("Trần Thị Bình", "Phó Giám đốc Sở", "Deputy Director", "Ban Giám đốc", "Board of Directors",
     "0236 3822 002", "pgd.stttt@example.gov.vn"),
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
