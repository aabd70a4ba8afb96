from django.db import migrations

LANGUAGES = ("vi", "en")


def vector(language):
    return (f"setweight(to_tsvector('simple'::regconfig, COALESCE(search_title_{language}, '')), 'A') || "
            f"setweight(to_tsvector('simple'::regconfig, COALESCE(search_body_{language}, '')), 'B')")


def forwards(apps, schema_editor):
    # PostgreSQL only, and outside the model's state: SQLite has no tsvector, and the columns
    # are kept by the database itself (GENERATED ... STORED), so Article.save() never writes them.
    if schema_editor.connection.vendor != "postgresql":
        return
    for language in LANGUAGES:
        schema_editor.execute(
            f"ALTER TABLE articles_article ADD COLUMN IF NOT EXISTS search_vector_{language} tsvector "
            f"GENERATED ALWAYS AS ({vector(language)}) STORED")
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS article_search_vector_{language}_idx "
            f"ON articles_article USING gin (search_vector_{language})")
        # The expression index of 0002 is superseded: searches read the stored column.
        schema_editor.execute(f"DROP INDEX IF EXISTS article_search_{language}_idx")
    # Adding a stored column rewrites the table: fresh statistics keep the planner on the indexes.
    schema_editor.execute("ANALYZE articles_article")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for language in LANGUAGES:
        schema_editor.execute(f"ALTER TABLE articles_article DROP COLUMN IF EXISTS search_vector_{language}")
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS article_search_{language}_idx ON articles_article USING gin (({vector(language)}))")


class Migration(migrations.Migration):
    dependencies = [("articles", "0003_approval_queue_index")]

    operations = [migrations.RunPython(forwards, backwards)]
