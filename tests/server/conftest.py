from tests.support.fixtures import *  # noqa: F403  # the live server fixtures
