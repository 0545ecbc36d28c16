"""Moderatoren write messages to a conference's participants; Redacteuren read them."""

from django.db import migrations

from home.roles import grant_participant_message_permissions


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0005_sitesettings_accessibility_statement"),
        ("news", "0005_reminders_messages_and_sent_mail_log"),
    ]

    operations = [
        migrations.RunPython(grant_participant_message_permissions, migrations.RunPython.noop),
    ]
