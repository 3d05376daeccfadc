import pytest

from tests.trials.factories import ThemeFactory, TrialActionFactory


@pytest.fixture
def sleep(db):
    return ThemeFactory(name="Søvn og digital adfærd")


@pytest.fixture
def action_a(school_a, sleep, class_a):
    action = TrialActionFactory(school=school_a, title="Søvnuge på Valhøj", themes=[sleep])
    action.classes.set([class_a])
    return action


@pytest.fixture
def action_b(school_b, sleep):
    return TrialActionFactory(school=school_b, title="Mobilfri skoledag på Nyager", themes=[sleep])


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
