"""Groups Redacteuren and Moderatoren, their permissions and the "Redactie → Publicatie" workflow."""

from django.db import migrations

from home.roles import set_up_editorial_roles


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("coops", "0002_load_municipalities_and_themes"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [
        migrations.RunPython(set_up_editorial_roles, migrations.RunPython.noop),
    ]
