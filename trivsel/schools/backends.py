from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class CaseInsensitiveModelBackend(ModelBackend):
    """Usernames of invited users are their (lower-cased) e-mail addresses; people type them with
    capitals. Match the username without regard to case."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if username is None or password is None:
            return None
        user = (
            get_user_model()
            ._default_manager.filter(username__iexact=username.strip())
            .order_by("pk")
            .first()
        )
        if user is None:
            get_user_model()().set_password(password)  # same time cost as a real check
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
