"""Helpers shared by the question tests."""

from django.utils import timezone

from questions.models import Question


def ask_url(language="vi"):
    return f"/{language}/questions/ask/"


def form_data(subject, **fields):
    """A question as a citizen's browser sends it; in captcha test mode "PASSED" is the right answer."""
    data = {
        "name": "Nguyễn Thị Hỏi",
        "email": "hoi.citizen@example.com",
        "phone": "",
        "topic": str(subject.pk),
        "title": "Thủ tục cấp phép trạm phát sóng",
        "body": "Xin hỏi doanh nghiệp cần những hồ sơ gì để được cấp phép lắp đặt trạm phát sóng?",
        "website": "",
        "captcha_0": "test-key",
        "captcha_1": "PASSED",
    }
    data.update(fields)
    return data


def make_question(topic, *, status=Question.Status.PUBLISHED, language="vi", answer="Câu trả lời của Sở.",
                  **fields):
    now = timezone.now()
    defaults = {"name": "Trần Văn Dân", "email": "dan.citizen@example.com", "phone": "0905 123 456",
                "title": "Một câu hỏi của người dân", "body": "Nội dung câu hỏi của người dân gửi Sở.",
                "answer": answer if status in (Question.Status.PUBLISHED, Question.Status.ANSWERED) else "",
                "status": status, "language": language}
    if status == Question.Status.PUBLISHED:
        defaults.update(answered_at=now, published_at=now)
    defaults.update(fields)
    return Question.objects.create(topic=topic, **defaults)
