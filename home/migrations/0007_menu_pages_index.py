"""An index of the pages shown in menus, for the main menu's query (navigation_tags).

Wagtail's page table has no index that finds a page's children by depth, so the menu
(the home page's children with "show in menus") read every page: 50 ms among 100,000
coöperaties. This partial index holds only the few menu pages. Wagtail's model is not
ours, hence SQL (the same on PostgreSQL and SQLite).
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0006_participant_message_permissions"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS home_menu_pages ON wagtailcore_page (path) "
            "WHERE show_in_menus",
            "DROP INDEX IF EXISTS home_menu_pages",
        )
    ]
