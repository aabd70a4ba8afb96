"""Demo comments: approved, pending and answered ones on the latest published articles."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from articles.models import Article

from .models import Comment

Status = Comment.Status

# (article: 0 = latest published, name, e-mail, text, status, office's reply, hours ago)
COMMENTS = [
    (0, "Nguyễn Văn An", "an.nguyen@example.com",
     "Bài viết rất hữu ích. Đề nghị Sở tiếp tục cập nhật kết quả triển khai trong các tháng tới.",
     Status.APPROVED, "", 50),
    (0, "Trần Thị Bình", "binh.tran@example.com",
     "Xin hỏi khi nào các xã vùng sâu được hỗ trợ kết nối Internet?\nGia đình tôi ở thôn 3 vẫn chưa có cáp quang.",
     Status.APPROVED,
     "Cảm ơn bạn đã quan tâm. Theo kế hoạch, cáp quang sẽ được kéo đến thôn 3 trong quý II năm tới; "
     "bạn có thể liên hệ Trung tâm Viễn thông huyện để đăng ký trước.", 30),
    (0, "Lê Minh Châu", "chau.le@example.com",
     "Mong có thêm hướng dẫn chi tiết bằng video cho người cao tuổi.", Status.PENDING, "", 3),
    (1, "Phạm Quốc Dũng", "dung.pham@example.com",
     "Thủ tục mới rất thuận tiện, tôi đã nộp hồ sơ trực tuyến chỉ trong 10 phút.", Status.APPROVED, "", 72),
    (1, "John Miller", "john.miller@example.com",
     "Is there an English version of the online application form for foreign residents?",
     Status.APPROVED,
     "Thank you for your question. An English version of the form will be available on the public "
     "service portal from next month.", 48),
    (1, "Hoàng Thị Em", "em.hoang@example.com",
     "Đề nghị bổ sung số điện thoại đường dây nóng vào cuối bài viết.", Status.PENDING, "", 2),
    (2, "Võ Thanh Giang", "giang.vo@example.com",
     "Hoạt động rất ý nghĩa, mong được tổ chức thường xuyên hơn ở các huyện miền núi.",
     Status.APPROVED, "", 120),
    (2, "Sarah Nguyen", "sarah.nguyen@example.com",
     "Great initiative! Will the materials be published online for those who could not attend?",
     Status.PENDING, "", 1),
    (3, "Đặng Văn Hùng", "hung.dang@example.com",
     "Tôi xin góp ý: nên công khai tiến độ giải quyết hồ sơ để người dân tiện theo dõi.",
     Status.APPROVED,
     "Ban biên tập xin ghi nhận ý kiến của bạn và đã chuyển đến bộ phận chuyên môn xem xét.", 96),
    (2, "Ngô Thị Lan", "lan.ngo@example.com",
     "Tôi muốn đăng ký tham gia đợt tập huấn sau, xin cán bộ phụ trách liên hệ lại với tôi.",
     Status.APPROVED, "", 60),
    (3, "Bùi Thị Kim", "kim.bui@example.com", "Quảng cáo dịch vụ giá rẻ, liên hệ ngay!!!", Status.SPAM, "", 5),
]
# Approved after a moderator took the phone number the reader had written out of the text.
EDITED = {"Tôi muốn đăng ký tham gia đợt tập huấn sau, xin cán bộ phụ trách liên hệ lại với tôi."}


def load_comments(users, stdout) -> None:
    articles = list(Article.objects.published().order_by("-publish_at", "-pk")[:4])
    if not articles:
        return
    now = timezone.now()
    created = 0
    with transaction.atomic():
        for index, name, email, body, status, reply, hours in COMMENTS:
            article = articles[index % len(articles)]
            if Comment.objects.filter(article=article, body=body).exists():
                continue
            sent_at = now - timedelta(hours=hours)
            moderated = status != Status.PENDING
            Comment.objects.create(
                article=article, name=name, email=email, body=body, status=status, created_at=sent_at,
                moderated_by=users["approver"] if moderated else None,
                moderated_at=sent_at + timedelta(hours=1) if moderated else None,
                reply=reply, replied_by=users["approver"] if reply else None,
                replied_at=sent_at + timedelta(hours=2) if reply else None,
                edited_by=users["approver"] if body in EDITED else None,
                edited_at=sent_at + timedelta(hours=1) if body in EDITED else None,
            )
            created += 1
        Comment.update_comment_counts(article.pk for article in articles)
    if created:
        stdout.write(f"Created {created} demo comments.")


def load(*, users, stdout) -> None:
    """This app's part of `manage.py load_demo`."""
    load_comments(users, stdout)
