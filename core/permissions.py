"""Permission policies the plugin registers for models whose admin rules differ from Django's.

Wagtail asks the policy registry (`wagtail.permissions.policy_registry`) in the admin and in
API v3; register these in an AppConfig.ready(), before any view asks (Wagtail then falls back
to model permissions and refuses a later registration).
"""

from django.contrib.auth import get_user_model

from wagtail.permission_policies.base import BasePermissionPolicy, ModelPermissionPolicy


class AdministratorsOnlyPolicy(BasePermissionPolicy):
    """Active superusers may do `actions` (all when None); nobody else may do anything."""

    def __init__(self, model, actions=None):
        super().__init__(model)
        self.actions = actions

    def user_has_permission(self, user, action):
        allowed = self.actions is None or action in self.actions
        return allowed and user.is_active and user.is_superuser

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        users = get_user_model().objects.filter(is_active=True, is_superuser=True)
        if self.actions is not None and not set(actions) & set(self.actions):
            return users.none()
        return users

    def users_with_permission(self, action):
        return self.users_with_any_permission([action])


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Django's model permissions, but only to view: reference data loaded from a file."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return "view" in actions and super().user_has_permission(user, "view")

    def users_with_any_permission(self, actions):
        if "view" not in actions:
            return get_user_model().objects.none()
        return super().users_with_any_permission(["view"])
