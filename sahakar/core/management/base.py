"""Management commands whose changes are attributed in the change history."""

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from sahakar.core.context import acting


class AttributedCommand(BaseCommand):
    """Runs `run()` with every change attributed to `--as-user` (if given) and to the command.

    Subclasses implement run(*args, **options) instead of handle().
    """

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> Any:
        self._command_name = subcommand
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.add_argument(
            "--as-user", metavar="USERNAME", help="attribute the changes to this user"
        )
        return parser

    def handle(self, *args: Any, **options: Any) -> Any:
        user = None
        if options.get("as_user"):
            user = get_user_model().objects.filter(username=options["as_user"]).first()
            if user is None:
                raise CommandError(f"No user named {options['as_user']!r}.")
        name = getattr(self, "_command_name", self.__module__.rsplit(".", 1)[-1])
        with acting(user=user, source=f"command:{name}"):
            return self.run(*args, **options)

    def run(self, *args: Any, **options: Any) -> Any:
        raise NotImplementedError
