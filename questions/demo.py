"""Demo questions: answered ones in several fields and both languages, and two waiting."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from .models import Question, Topic

Status = Question.Status

# (field slug, language, name, e-mail, title, question, answer ("" = waiting), days ago)
QUESTIONS = [
    ("cap-phep", "vi", "Nguyễn Văn Hải", "hai.nguyen@example.com",
     "Thủ tục cấp giấy phép thiết lập trang thông tin điện tử tổng hợp",
     "Doanh nghiệp tôi muốn lập trang thông tin điện tử tổng hợp. Xin hỏi cần chuẩn bị những hồ sơ gì "
     "và nộp ở đâu?",
     "Doanh nghiệp nộp hồ sơ trực tuyến trên Cổng dịch vụ công của tỉnh, gồm: đơn đề nghị cấp giấy phép, "
     "bản sao giấy chứng nhận đăng ký doanh nghiệp, đề án hoạt động và bản in trang chủ. Thời hạn giải "
     "quyết là 10 ngày làm việc kể từ khi nhận đủ hồ sơ hợp lệ.", 30),
    ("vien-thong", "vi", "Trần Thị Mai", "mai.tran@example.com",
     "Sóng điện thoại yếu tại thôn Đồng Tâm",
     "Khu vực thôn Đồng Tâm, xã Hòa Phú thường xuyên mất sóng di động vào buổi tối. Đề nghị Sở kiểm tra "
     "và yêu cầu nhà mạng lắp thêm trạm phát sóng.",
     "Sở đã làm việc với các doanh nghiệp viễn thông. Một trạm phát sóng mới tại xã Hòa Phú sẽ được đưa "
     "vào hoạt động trong quý III; trong thời gian chờ, nhà mạng đã tăng công suất trạm hiện có.", 21),
    ("chuyen-doi-so", "vi", "Lê Quang Huy", "huy.le@example.com",
     "Cài đặt ứng dụng định danh điện tử cho người cao tuổi",
     "Bố mẹ tôi đã ngoài 70 tuổi, không quen dùng điện thoại thông minh. Xin hỏi có nơi nào hỗ trợ cài "
     "đặt và kích hoạt tài khoản định danh điện tử không?",
     "Tổ công nghệ số cộng đồng ở mỗi xã, phường hỗ trợ miễn phí việc cài đặt và kích hoạt tài khoản. "
     "Gia đình có thể liên hệ Ủy ban nhân dân xã, phường nơi cư trú để được hẹn lịch.", 12),
    ("buu-chinh", "vi", "Phạm Thị Lan", "lan.pham@example.com",
     "Nhận kết quả thủ tục hành chính qua bưu điện",
     "Tôi có thể đăng ký nhận kết quả giải quyết thủ tục hành chính tại nhà qua dịch vụ bưu chính công ích "
     "không? Chi phí thế nào?",
     "Có. Khi nộp hồ sơ, bạn đánh dấu vào mục nhận kết quả qua dịch vụ bưu chính công ích. Cước phí theo "
     "bảng giá của Bưu điện tỉnh và được thanh toán khi nhận kết quả.", 6),
    ("cap-phep", "en", "David Brown", "david.brown@example.com",
     "Licence for a foreign-language print publication",
     "Our company would like to publish a monthly English-language bulletin for the foreign business "
     "community. Which licence do we need, and can we apply online?",
     "A licence to publish a bulletin is needed. You can apply online through the provincial public service "
     "portal; the file includes the application form, the bulletin's purpose and layout, and the name of the "
     "person responsible for its content. The answer is given within 15 working days.", 18),
    ("vien-thong", "en", "Emma Wilson", "emma.wilson@example.com",
     "Registering a prepaid SIM card as a foreign resident",
     "I am a foreign resident with a temporary residence card. Can I register a prepaid SIM card in my own "
     "name, and what documents are needed?",
     "Yes. Bring your passport and temporary residence card to any store of a licensed mobile operator; "
     "the subscription is registered in your name on the spot.", 9),
    ("cong-nghe-thong-tin", "vi", "Võ Minh Tuấn", "tuan.vo@example.com",
     "Đăng ký tên miền .vn cho hộ kinh doanh",
     "Hộ kinh doanh cá thể có được đăng ký tên miền .vn không, và cần những giấy tờ gì?",
     "Hộ kinh doanh được đăng ký tên miền .vn qua các nhà đăng ký tên miền được cấp phép. Chỉ cần bản khai "
     "đăng ký và giấy tờ tùy thân của chủ hộ.", 3),
    # Waiting for the office.
    ("vien-thong", "vi", "Đỗ Thị Hạnh", "hanh.do@example.com",
     "Cáp viễn thông treo thấp trên đường Lê Lợi",
     "Nhiều sợi cáp viễn thông trên đường Lê Lợi đoạn gần chợ treo rất thấp, gây nguy hiểm cho xe tải. "
     "Đề nghị cơ quan chức năng xử lý.", "", 2),
    ("chuyen-doi-so", "en", "Michael Lee", "michael.lee@example.com",
     "English version of the public service portal",
     "Is there an English version of the provincial public service portal for foreign investors?", "", 1),
]


def load_questions(users, stdout) -> None:
    topics = {topic.slug: topic for topic in Topic.objects.all()}
    if not topics:
        return
    fallback = next(iter(topics.values()))
    now = timezone.now()
    created = 0
    with transaction.atomic():
        for slug, language, name, email, title, body, answer, days in QUESTIONS:
            if Question.objects.filter(title=title).exists():
                continue
            asked = now - timedelta(days=days, hours=3)
            answered = bool(answer)
            Question.objects.create(
                topic=topics.get(slug, fallback), language=language, name=name, email=email, title=title,
                body=body, created_at=asked, answer=answer,
                status=Status.PUBLISHED if answered else Status.WAITING,
                answered_by=users["approver"] if answered else None,
                answered_at=asked + timedelta(days=1) if answered else None,
                published_by=users["approver"] if answered else None,
                published_at=asked + timedelta(days=1, hours=2) if answered else None,
                notified_at=asked + timedelta(days=1, hours=2) if answered else None,
            )
            created += 1
    if created:
        stdout.write(f"Created {created} demo questions.")


def load(*, users, stdout) -> None:
    """This app's part of `manage.py load_demo`."""
    load_questions(users, stdout)
