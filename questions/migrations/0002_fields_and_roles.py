from django.db import migrations

from portal.roles import ADMINISTRATORS, APPROVERS, MODERATORS, grant

# (slug, Vietnamese, English): the agency's fields of work, which the admin may change.
TOPICS = [
    ("cap-phep", "Cấp phép", "Licensing"),
    ("vien-thong", "Viễn thông", "Telecommunications"),
    ("buu-chinh", "Bưu chính", "Postal services"),
    ("cong-nghe-thong-tin", "Công nghệ thông tin", "Information technology"),
    ("chuyen-doi-so", "Chuyển đổi số", "Digital transformation"),
    ("bao-chi-xuat-ban", "Báo chí, xuất bản", "Press and publishing"),
    ("khac", "Lĩnh vực khác", "Other matters"),
]

# Moderators answer the citizens' questions; approvers also publish the answers and keep the fields.
ANSWERING = ["questions.view_question", "questions.change_question", "questions.view_topic"]
APPROVING = ANSWERING + ["questions.approve_answer", "questions.delete_question", "questions.add_topic",
                         "questions.change_topic", "questions.delete_topic"]


def forwards(apps, schema_editor):
    Topic = apps.get_model("questions", "Topic")
    for order, (slug, vi, en) in enumerate(TOPICS):
        Topic.objects.get_or_create(slug=slug, defaults={"name": vi, "name_vi": vi, "name_en": en, "order": order})
    grant(apps, MODERATORS, ANSWERING)
    grant(apps, APPROVERS, APPROVING)
    grant(apps, ADMINISTRATORS, APPROVING)


class Migration(migrations.Migration):
    dependencies = [
        ("questions", "0001_initial"),
        ("comments", "0002_moderators"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
