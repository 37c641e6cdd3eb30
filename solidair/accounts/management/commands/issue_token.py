"""`manage.py issue_token EMAIL [--create] [--name NAME]`: print a new API token.

The raw token is the last line on stdout (and the only one), so scripts can do
``TOKEN=$(python manage.py issue_token me@example.org --create)``; everything else goes to
stderr.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.validators import validate_email

from solidair.accounts.tokens import create_api_token, get_or_create_api_user


class Command(BaseCommand):
    help = "Create an API token for a user and print it (the last line of the output)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email", help="The email address of the token's owner.")
        parser.add_argument(
            "--create",
            action="store_true",
            help="Create an active user with a verified email address if none exists.",
        )
        parser.add_argument(
            "--name", default="Command line", help="A name that tells the token apart."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        email = str(options["email"]).strip()
        try:
            validate_email(email)
        except ValidationError as exc:
            raise CommandError(f"{email!r} is not a valid email address.") from exc
        name = str(options["name"]).strip()
        if not name:
            raise CommandError("--name must not be empty.")

        user, created = get_or_create_api_user(email=email, create=options["create"])
        if user is None:
            raise CommandError(
                f"No user with the email address {email}. "
                "Add --create to create a verified user with this address."
            )
        if not user.is_active:
            raise CommandError(f"The account of {email} is deactivated; its tokens would not work.")
        if created:
            self.stderr.write(f"Created the verified user {user.email} (id {user.pk}).")
        token, raw = create_api_token(user=user, name=name)
        self.stderr.write(
            f"API token {token.prefix}… ({token.name!r}) for {user.email}. "
            "It is shown once: store it now. Use it as 'Authorization: Bearer <token>'."
        )
        self.stdout.write(raw)
