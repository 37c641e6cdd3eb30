from solidair.core.models import Category, Language, Neighbourhood, Sector, TargetGroup
from solidair.core.reference import CATEGORIES, NEIGHBOURHOODS


def test_migrate_loads_every_wijk_with_a_centroid_in_ghent(db):
    assert Neighbourhood.objects.count() == len(NEIGHBOURHOODS) == 25
    for wijk in Neighbourhood.objects.all():
        assert 50.9 < wijk.latitude < 51.2
        assert 3.6 < wijk.longitude < 3.9


def test_categories_keep_their_stable_slugs_and_nature(db):
    assert set(Category.objects.filter(nature="goods").values_list("slug", flat=True)) == {
        "clothing",
        "furniture",
        "household",
        "food",
        "hygiene",
        "baby-and-children",
        "school-supplies",
        "electronics",
        "bicycles",
        "other-goods",
    }
    assert Category.objects.filter(nature="volunteering").count() == len(CATEGORIES) - 10


def test_target_groups_sectors_and_languages_are_loaded(db):
    assert set(TargetGroup.objects.values_list("slug", flat=True)) == {
        "refugees",
        "homeless",
        "poverty",
        "elderly",
        "disability",
        "youth",
        "families",
        "isolated",
    }
    assert Sector.objects.exists()
    assert Language.objects.filter(code="ar").exists()
