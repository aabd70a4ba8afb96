from django.db import migrations

from portal.roles import APPROVERS, EDITORS, MODERATORS, grant

TYPES = [
    ("Luật", "Law"), ("Nghị quyết", "Resolution"), ("Nghị định", "Decree"), ("Thông tư", "Circular"),
    ("Quyết định", "Decision"), ("Chỉ thị", "Directive"), ("Kế hoạch", "Plan"), ("Hướng dẫn", "Guidance"),
    ("Công văn", "Official letter"), ("Thông báo", "Notice"), ("Báo cáo", "Report"),
]
SECTORS = [
    ("Bưu chính", "Post"), ("Viễn thông", "Telecommunications"), ("Công nghệ thông tin", "Information technology"),
    ("Chuyển đổi số", "Digital transformation"), ("Báo chí, xuất bản", "Press and publishing"),
    ("An toàn thông tin", "Information security"), ("Cải cách hành chính", "Administrative reform"),
    ("Tổ chức cán bộ", "Organisation and staff"),
]


def lists(apps, schema_editor):
    for model_name, rows in (("DocumentType", TYPES), ("Sector", SECTORS)):
        model = apps.get_model("documents", model_name)
        for order, (vi, en) in enumerate(rows):
            model.objects.get_or_create(name_vi=vi, defaults={"name": vi, "name_en": en, "order": order})


def roles(apps, schema_editor):
    editing = [f"documents.{action}_{model}" for model in ("document", "documentfile", "documentrelation")
               for action in ("add", "change", "view", "delete")]
    lists_view = [f"documents.view_{model}" for model in ("documenttype", "issuer", "sector")]
    lists_manage = [f"documents.{action}_{model}" for model in ("documenttype", "issuer", "sector")
                    for action in ("add", "change", "delete")]
    opinions = [f"documents.{action}_opinion" for action in ("view", "change", "delete")]
    grant(apps, EDITORS, editing + lists_view)
    grant(apps, APPROVERS, editing + lists_view + lists_manage + opinions + ["documents.approve_document"])
    grant(apps, MODERATORS, opinions + ["documents.view_document"])


VECTOR = "to_tsvector('simple'::regconfig, COALESCE(search_text, ''))"


def search_index(apps, schema_editor):
    # PostgreSQL: the folded text's words as a stored tsvector the database keeps up to date
    # (GENERATED ... STORED: Document.save() and bulk_create never write it, the model does
    # not declare it), GIN-indexed for documents.search. Computing to_tsvector for every row a
    # search reads cost 90 ms at 2,000 documents. SQLite matches substrings without it.
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"ALTER TABLE documents_document ADD COLUMN IF NOT EXISTS search_vector tsvector "
        f"GENERATED ALWAYS AS ({VECTOR}) STORED")
    schema_editor.execute("CREATE INDEX IF NOT EXISTS document_search_idx ON documents_document "
                          "USING gin (search_vector)")


def drop_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE documents_document DROP COLUMN IF EXISTS search_vector")


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(lists, migrations.RunPython.noop),
        migrations.RunPython(roles, migrations.RunPython.noop),
        migrations.RunPython(search_index, drop_search_index),
    ]
