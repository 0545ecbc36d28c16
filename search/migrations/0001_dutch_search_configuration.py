"""Dutch full-text search on both databases.

PostgreSQL: text-search configurations `dutch_unaccent` (Dutch stemming after
removing accents; settings: SEARCH_CONFIG) and `simple_unaccent` (no stemming,
for suggestions; settings: AUTOCOMPLETE_CONFIG).

SQLite: Wagtail creates its FTS5 table with the default tokenizer; this
recreates it with `unicode61 remove_diacritics 2`, so "coöperatie" is stored
and searched as "cooperatie". Wagtail's triggers on the index table refer to
the FTS table by name and keep working; `rebuild_index` only deletes and
inserts rows, so the tokenizer stays.

Existing index entries are copied over (SQLite) but not re-stemmed (PostgreSQL):
run `manage.py rebuild_index` once after migrating an existing database.
"""

from django.db import migrations

POSTGRES_CONFIGURATIONS = [
    # (name, copied from, dictionaries for words after unaccent)
    ("dutch_unaccent", "pg_catalog.dutch", "dutch_stem"),
    ("simple_unaccent", "pg_catalog.simple", "simple"),
]

SQLITE_TOKENIZER = "unicode61 remove_diacritics 2"


def forwards(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
        for name, source, dictionary in POSTGRES_CONFIGURATIONS:
            schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")
            schema_editor.execute(f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = {source})")
            schema_editor.execute(
                f"ALTER TEXT SEARCH CONFIGURATION {name} "
                f"ALTER MAPPING FOR hword, hword_part, word WITH unaccent, {dictionary}"
            )
    elif connection.vendor == "sqlite":
        _recreate_sqlite_fts(apps, schema_editor, f"tokenize = '{SQLITE_TOKENIZER}'")


def backwards(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        for name, _source, _dictionary in POSTGRES_CONFIGURATIONS:
            schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")
    elif connection.vendor == "sqlite":
        _recreate_sqlite_fts(apps, schema_editor, "")


def _recreate_sqlite_fts(apps, schema_editor, options):
    entries = apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table
    fts = f"{entries}_fts"
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE name = %s", [fts])
        if cursor.fetchone() is None:
            return  # no FTS5 in this SQLite: Wagtail uses its fallback backend
    schema_editor.execute(f"DROP TABLE {fts}")
    columns = "autocomplete, body, title"
    schema_editor.execute(
        f"CREATE VIRTUAL TABLE {fts} USING fts5({columns}{', ' + options if options else ''})"
    )
    schema_editor.execute(
        f"INSERT INTO {fts} (rowid, {columns}) SELECT id, {columns} FROM {entries}"  # noqa: S608
    )


class Migration(migrations.Migration):
    dependencies = [("wagtailsearch", "0010_add_text_fields")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
