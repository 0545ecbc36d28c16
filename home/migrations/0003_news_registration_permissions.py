"""Redacteuren and Moderatoren may see and export conference sign-ups ("Aanmeldingen")."""

from django.db import migrations

from home.roles import grant_news_permissions


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_editorial_roles_and_workflow"),
        ("news", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(grant_news_permissions, migrations.RunPython.noop),
    ]
