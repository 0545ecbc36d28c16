"""Inlogblokkades in the Wagtail admin: who is waiting after wrong passwords, and lifting it.

django-axes (coopsite/throttling.py) keeps failed logins as AccessAttempt rows; Django's
admin lists them too, but administrators work in Wagtail. Deleting a row lifts its lock.
Only active superusers see this: the rows hold addresses and the usernames tried.
"""

from axes.models import AccessAttempt

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.paginator import WagtailPaginator
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import DeleteView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from core.permissions import AdministratorsOnlyPolicy


def register_policy():
    """Before any admin view asks (HomeConfig.ready)."""
    register_permission_policy(
        AccessAttempt, AdministratorsOnlyPolicy(AccessAttempt, actions=["view", "delete"])
    )


def describe(attempt):
    return _("%(username)s vanaf %(address)s") % {
        "username": attempt.username,
        "address": attempt.ip_address,
    }


def waits_until(attempt):
    """'tot 14:05' while this account-and-address pair is locked, else an empty cell."""
    until = attempt.attempt_time + settings.AXES_COOLOFF_TIME
    if attempt.failures_since_start < settings.AXES_FAILURE_LIMIT or until <= timezone.now():
        return ""
    return _("tot %(time)s") % {"time": date_format(timezone.localtime(until), "j F H:i")}


class LockoutColumn(Column):
    def get_value(self, instance):
        return waits_until(instance)


class LockoutPaginator(WagtailPaginator):
    verbose_name = _("inlogblokkade")
    verbose_name_plural = _("inlogblokkades")


class LockoutIndexView(IndexView):
    """Dutch column labels (axes has no Dutch translation) and "opheffen" for delete."""

    page_title = _("Inlogblokkades")
    verbose_name = _("inlogblokkade")
    verbose_name_plural = _("inlogblokkades")
    paginator_class = LockoutPaginator

    @cached_property
    def columns(self):
        title = self._get_title_column_class(TitleColumn)(
            "username", label=_("Gebruikersnaam of pagina"), get_url=self.get_delete_url
        )
        return [
            title,
            Column("ip_address", label=_("Adres")),
            Column("failures_since_start", label=_("Mislukte pogingen")),
            DateColumn("attempt_time", label=_("Laatste poging")),
            LockoutColumn("locked", label=_("Geblokkeerd")),
        ]

    def get_list_more_buttons(self, instance):
        if url := self.get_delete_url(instance):
            return [MenuItem(_("Blokkade opheffen"), url=url, icon_name="lock-open", priority=30)]
        return []


class LiftLockoutView(DeleteView):
    """Deleting the attempt row lifts the lock; the screens say so in those words."""

    page_title = _("Blokkade opheffen")
    template_name = "home/admin/lift_lockout.html"
    success_message = _("De blokkade van %(object)s is opgeheven.")

    def get_page_subtitle(self):
        return describe(self.object)

    def get_usage_url(self):
        return None  # nothing refers to a failed login

    @property
    def confirmation_message(self):
        return _("%(who)s kan daarna meteen weer inloggen. Wilt u de blokkade opheffen?") % {
            "who": describe(self.object)
        }

    def get_success_message(self):
        return self.success_message % {"object": describe(self.object)}


class LockoutViewSet(ModelViewSet):
    model = AccessAttempt
    icon = "lock"
    menu_label = _("Inlogblokkades")
    name = "inlogblokkades"
    add_to_settings_menu = True
    index_view_class = LockoutIndexView
    delete_view_class = LiftLockoutView
    search_fields = ["username", "ip_address"]
    ordering = ["-attempt_time"]
    copy_view_enabled = False
    form_fields = []  # read-only: the permission policy offers view and delete (= lift) only
