"""The content version in the database, for sites without a shared cache (core.cache.version)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ContentVersion(models.Model):
    """One row: the current content version and when it changed."""

    token = models.CharField(max_length=32)
    changed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("inhoudsversie")
        verbose_name_plural = _("inhoudsversies")

    def __str__(self):
        return self.token
