"""The organisation as the data migration loads it: every district in exactly one department."""

from __future__ import annotations

import importlib
from collections import Counter

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from umis.accounts import reference_data
from umis.accounts.models import Department, District

pytestmark = pytest.mark.django_db


def test_khachmaz_covers_exactly_its_five_districts():
    khachmaz = Department.objects.get(code="khachmaz")
    assert khachmaz.kind == Department.Kind.REGIONAL
    assert set(khachmaz.districts.values_list("name_az", flat=True)) == {
        "Xaçmaz",
        "Qusar",
        "Quba",
        "Şabran",
        "Siyəzən",
    }
    assert set(khachmaz.districts.values_list("code", flat=True)) == {
        "khachmaz",
        "gusar",
        "guba",
        "shabran",
        "siyazan",
    }


def test_headquarters_and_nakhchivan_exist_with_their_districts():
    hq = Department.objects.get(kind=Department.Kind.HEADQUARTERS)
    assert hq.is_headquarters
    assert hq.districts.count() == 12  # the districts of Baku
    assert "Səbail" in set(hq.districts.values_list("name_az", flat=True))
    nakhchivan = Department.objects.get(kind=Department.Kind.NAKHCHIVAN)
    assert set(nakhchivan.districts.values_list("name_az", flat=True)) == {
        "Naxçıvan",
        "Babək",
        "Culfa",
        "Kəngərli",
        "Ordubad",
        "Sədərək",
        "Şahbuz",
        "Şərur",
    }


def test_every_district_of_the_country_is_in_exactly_one_department():
    # 66 rayons, the cities of republican subordination (Baku counted as its 12 districts).
    assert District.objects.count() == 88
    names = Counter(District.objects.values_list("name_az", flat=True))
    assert [name for name, n in names.items() if n > 1] == []
    assert not District.objects.filter(department__isnull=True).exists()
    assert Department.objects.filter(kind=Department.Kind.REGIONAL).count() == 11
    # Every department covers something; nobody's jurisdiction is empty.
    assert not Department.objects.filter(districts__isnull=True).exists()


def test_every_name_is_given_in_three_languages_and_codes_are_ascii_slugs():
    for row in [*Department.objects.all(), *District.objects.all()]:
        assert row.name_az and row.name_ru and row.name_en, row.code
        assert row.code.isascii() and row.code == row.code.lower()
        # The Russian name is in Cyrillic, the English one in plain Latin.
        assert any("а" <= ch.lower() <= "я" for ch in row.name_ru), row.name_ru
        assert row.name_en.isascii(), row.name_en


def test_names_follow_the_language_of_the_request():
    from django.utils import translation

    shaki = District.objects.get(code="shaki-city")
    for lang, expected in [("az", "Şəki şəhəri"), ("ru", "город Шеки"), ("en", "Shaki City")]:
        with translation.override(lang):
            assert str(shaki) == expected


def test_database_matches_the_reference_module():
    """The migration's frozen copy and the module must not drift apart."""
    assert {
        (d.code, d.kind, d.name_az, d.name_ru, d.name_en) for d in Department.objects.all()
    } == set(reference_data.DEPARTMENTS)
    assert {
        (d.code, d.department.code, d.name_az, d.name_ru, d.name_en)
        for d in District.objects.select_related("department")
    } == set(reference_data.DISTRICTS)


def _migration_module():
    return importlib.import_module("umis.accounts.migrations.0002_reference_data")


def _historical_apps():
    loader = MigrationLoader(connection)
    return loader.project_state(("accounts", "0002_reference_data")).apps


def test_reverse_migration_removes_the_reference_data_and_forward_restores_it():
    migration = _migration_module()
    apps = _historical_apps()
    migration.unload(apps, None)
    assert not Department.objects.exists()
    assert not District.objects.exists()

    migration.load(apps, None)
    migration.load(apps, None)  # replaying is harmless: rows are matched by code
    assert Department.objects.count() == len(reference_data.DEPARTMENTS)
    assert District.objects.count() == len(reference_data.DISTRICTS)
    assert Department.objects.get(code="khachmaz").districts.count() == 5
