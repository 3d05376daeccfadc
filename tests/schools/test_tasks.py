from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session

from tests.factories import UserFactory
from trivsel.schools.tasks import end_user_sessions


def session_for(user) -> str:
    store = SessionStore()
    store["_auth_user_id"] = str(user.pk)
    store.create()
    return store.session_key


def test_it_ends_every_session_of_the_user_and_no_one_elses(db):
    leaving, staying = UserFactory(), UserFactory()
    session_for(leaving), session_for(leaving)
    kept = session_for(staying)

    assert end_user_sessions.delay(leaving.pk).get() == 2

    assert list(Session.objects.values_list("session_key", flat=True)) == [kept]
