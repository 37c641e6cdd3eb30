from __future__ import annotations

from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.core.management import CommandError, call_command

from solidair.accounts.models import Profile, User
from solidair.core.demo import DemoContext, count_steps, demo_section, load_demo_content
from solidair.organisations.models import Membership, Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _debug(settings):
    settings.DEBUG = True


def seed(*args: str) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def counts() -> dict[str, int]:
    return {
        "users": User.objects.count(),
        "profiles": Profile.objects.count(),
        "emails": EmailAddress.objects.count(),
        "organisations": Organisation.objects.count(),
        "memberships": Membership.objects.count(),
        "org_sectors": Organisation.sectors.through.objects.count(),
        "profile_languages": Profile.languages.through.objects.count(),
    }


def test_running_it_twice_creates_nothing_new():
    seed()
    first = counts()
    out = seed()

    assert counts() == first
    assert "(0 new)" in out
    assert first["users"] >= 30
    assert first["organisations"] >= 20


def test_it_prints_a_summary_and_the_demo_credentials():
    out = seed()
    assert "32 people (32 new)" in out
    assert "admin@example.org / solidair-demo" in out
    assert "demo@example.org / solidair-demo" in out


def test_the_demo_accounts_can_log_in(client):
    seed()
    admin = User.objects.get(email="admin@example.org")
    assert admin.is_staff
    assert admin.is_superuser
    assert admin.check_password("solidair-demo")
    assert client.login(email="demo@example.org", password="solidair-demo")


def test_every_demo_person_is_verified_with_a_profile():
    seed()
    for user in User.objects.all():
        assert user.email.endswith("@example.org")
        assert EmailAddress.objects.filter(user=user, verified=True, primary=True).exists()
        assert user.profile.display_name
    newcomer_languages = set(
        Profile.languages.through.objects.values_list("language__code", flat=True)
    )
    assert {"ar", "fa", "ti", "uk"} <= newcomer_languages


def test_every_organisation_has_exactly_one_verified_owner():
    seed()
    for organisation in Organisation.objects.all():
        owners = organisation.memberships.filter(role=Membership.Role.OWNER)
        assert owners.count() == 1, organisation
        owner = owners.get().user
        assert owner.is_active
        assert EmailAddress.objects.filter(user=owner, verified=True).exists()
    assert Membership.objects.filter(role=Membership.Role.ADMIN).exists()


def test_most_organisations_are_verified_and_a_few_pending():
    seed()
    verified = Organisation.objects.filter(status=Organisation.Status.VERIFIED).count()
    pending = Organisation.objects.filter(status=Organisation.Status.PENDING).count()
    assert verified > pending > 0
    for organisation in Organisation.objects.all():
        assert organisation.contact_email.endswith("@example.org")
        assert organisation.description
        assert organisation.sectors.exists()
        assert organisation.target_groups.exists()
        assert organisation.neighbourhood is not None


def test_the_demo_user_belongs_to_organisations():
    seed()
    roles = set(
        Membership.objects.filter(user__email="demo@example.org").values_list("role", flat=True)
    )
    assert "owner" in roles
    assert len(roles) >= 2


def test_it_keeps_a_transferred_ownership():
    seed()
    organisation = Organisation.objects.get(slug="buurtwerk-rabot")
    old_owner = organisation.memberships.get(role="owner")
    new_owner = organisation.memberships.get(role="admin")
    old_owner.role = "admin"
    old_owner.save()
    new_owner.role = "owner"
    new_owner.save()

    seed()

    assert organisation.memberships.get(role="owner").pk == new_owner.pk


def test_medium_adds_more_and_stays_idempotent():
    seed("--size", "medium")
    first = counts()
    seed("--size", "medium")
    assert counts() == first
    assert first["users"] > 100


def test_it_refuses_to_run_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        seed()
    assert not User.objects.exists()


def test_force_runs_it_without_debug(settings):
    settings.DEBUG = False
    seed("--force")
    assert User.objects.filter(email="demo@example.org").exists()


def test_progress_is_reported_once_per_step():
    ticks: list[str] = []
    load_demo_content(size="small", progress=ticks.append)
    assert len(ticks) == count_steps("small")
    assert {"people", "organisations"} <= set(ticks)


def test_later_apps_can_add_a_section(monkeypatch):
    from solidair.core import demo

    demo.demo_sections()  # discover the apps' own sections first, as a real run does
    monkeypatch.setattr(demo, "_SECTIONS", dict(demo._SECTIONS))
    seen: list[int] = []

    @demo_section("example", order=99, steps=lambda size: 1)
    def example(ctx: DemoContext) -> None:
        # Later sections see the people and organisations of the earlier ones.
        seen.append(len(ctx.organisations))
        ctx.tick("example", created=True)

    summary = load_demo_content(size="small")

    assert seen == [20]
    assert summary.created["example"] == 1
