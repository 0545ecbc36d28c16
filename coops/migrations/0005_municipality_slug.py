from django.db import migrations, models
from django.utils.text import slugify


def fill_slugs(apps, schema_editor):
    Municipality = apps.get_model("coops", "Municipality")
    for municipality in Municipality.objects.all():
        municipality.slug = slugify(municipality.name)
        municipality.save(update_fields=["slug"])


class Migration(migrations.Migration):
    dependencies = [("coops", "0004_murmurations_nodes_and_sources")]

    operations = [
        migrations.AddField(
            model_name="municipality",
            name="slug",
            # No index yet: the unique one below makes it (PostgreSQL would get two `_like`s).
            field=models.SlugField(default="", max_length=100, db_index=False, verbose_name="slug"),
            preserve_default=False,
        ),
        migrations.RunPython(fill_slugs, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="municipality",
            name="slug",
            field=models.SlugField(
                help_text="In het adres van de gemeentepagina: /cooperaties/gemeente/<slug>/.",
                max_length=100,
                unique=True,
                verbose_name="slug",
            ),
        ),
    ]
