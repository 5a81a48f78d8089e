"""Enums Strawberry needs as real enums still say exactly what the shared vocabulary says."""

from common.vocabulary import LIFE_AREAS
from subgraphs.community.models import Category
from subgraphs.goals.domain.enums import LifeArea


def test_goal_life_areas_are_the_shared_ones() -> None:
    assert tuple(area.value for area in LifeArea) == LIFE_AREAS


def test_post_categories_are_the_life_areas_plus_general() -> None:
    assert {c.value for c in Category} == {*LIFE_AREAS, "general"}
