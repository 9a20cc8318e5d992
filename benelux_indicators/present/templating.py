"""Markup in templates: jinja2 with autoescape (it ships with Voilà), one environment for
every page. Text is escaped by the template; parts that are HTML already (a sparkline, the
linked sources, a panel) are handed over as :class:`markupsafe.Markup`."""
from __future__ import annotations

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from .i18n import flag_words, word

ENV = Environment(loader=PackageLoader("benelux_indicators.present", "templates"),
                  autoescape=select_autoescape(["j2"], default_for_string=True, default=True),
                  undefined=StrictUndefined, keep_trailing_newline=False)
ENV.globals.update(word=word, flag_words=flag_words)


def render(name: str, **values: object) -> str:
    return ENV.get_template(name).render(**values)


__all__ = ["Markup", "render"]
