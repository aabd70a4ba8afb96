from decimal import Decimal

from django.db import migrations

from portal.roles import APPROVERS, EDITORS, grant

ARTICLE_TYPES = [
    # (Vietnamese, English, highest coefficient): the limits of the royalty decree.
    ("Tin tức", "News", "10"),
    ("Thông báo", "Announcement", "10"),
    ("Sự kiện", "Event", "10"),
    ("Trả lời bạn đọc", "Answer to readers", "10"),
    ("Ảnh", "Photo", "10"),
    ("Tranh vẽ", "Drawing", "10"),
    ("Bình luận", "Commentary", "30"),
    ("Phóng sự", "Reportage", "30"),
    ("Phỏng vấn", "Interview", "30"),
    ("Nghiên cứu", "Research", "30"),
]


def forwards(apps, schema_editor):
    ArticleType = apps.get_model("articles", "ArticleType")
    for order, (vi, en, limit) in enumerate(ARTICLE_TYPES):
        ArticleType.objects.get_or_create(
            name_vi=vi,
            defaults={"name": vi, "name_en": en, "order": order, "is_default": order == 0,
                      "max_coefficient": Decimal(limit)},
        )
    # The coefficient unit values and their permissions moved with the model to
    # royalties/migrations/0001_initial.py, which fills and grants them on a fresh database.
    grant(apps, EDITORS, [
        "articles.add_article", "articles.change_article", "articles.view_article", "articles.delete_article",
        "articles.add_attachment", "articles.change_attachment", "articles.view_attachment",
        "articles.delete_attachment", "articles.view_category", "articles.view_articletype",
    ])
    grant(apps, APPROVERS, [
        "articles.add_article", "articles.change_article", "articles.view_article", "articles.delete_article",
        "articles.approve_article", "articles.view_author_contact", "articles.view_royalty_report",
        "articles.add_attachment", "articles.change_attachment", "articles.view_attachment",
        "articles.delete_attachment",
        "articles.add_category", "articles.change_category", "articles.view_category", "articles.delete_category",
        "articles.add_articletype", "articles.change_articletype", "articles.view_articletype",
        "articles.view_transition",
    ])


def search_index(apps, schema_editor):
    # Full-text search index on PostgreSQL only; SQLite searches without it.
    if schema_editor.connection.vendor != "postgresql":
        return
    for language in ("vi", "en"):
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS article_search_{language}_idx ON articles_article USING gin "
            f"((setweight(to_tsvector('simple'::regconfig, COALESCE(search_title_{language}, '')), 'A') || "
            f"setweight(to_tsvector('simple'::regconfig, COALESCE(search_body_{language}, '')), 'B')))"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop),
        migrations.RunPython(search_index, migrations.RunPython.noop),
    ]
