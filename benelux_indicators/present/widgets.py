"""The two widgets of the Voilà pages, small anywidgets sharing the static export's script.

* :class:`Chart` instead of plotly's ``FigureWidget``: each FigureWidget carries its own
  5 MB copy of plotly.js to the browser over the kernel's websocket (a theme page with six
  charts waited 10 s for its first one with a warm kernel); a Chart carries the figure's
  JSON and loads plotly.js once per page from the template's static folder.
* :class:`LanguageSwitch` instead of ``ToggleButtons``: buttons with ``aria-pressed``, and
  the page's ``lang`` and title follow the language chosen.
"""
from __future__ import annotations

from pathlib import Path

import anywidget
import plotly.graph_objects as go
import traitlets

from . import bundle, charts

JS = Path(__file__).with_name("js")


class Chart(anywidget.AnyWidget):
    _esm = charts.SCRIPT + (JS / "chart.esm.js").read_text(encoding="utf-8")
    figure = traitlets.Dict().tag(sync=True)
    config = traitlets.Dict().tag(sync=True)
    image = traitlets.Dict().tag(sync=True)  # title, caption, filename, label of the saved image
    script = traitlets.Unicode().tag(sync=True)
    locale_script = traitlets.Unicode(allow_none=True).tag(sync=True)

    @classmethod
    def of(cls, figure: go.Figure, config: dict, image: dict) -> Chart:
        return cls(figure=charts.plain(figure), config=config, image=image, script=bundle.voila_script(),
                   locale_script=bundle.locale_name(config.get("locale", "en")))


class LanguageSwitch(anywidget.AnyWidget):
    _esm = JS / "switch.esm.js"
    _css = """.bnl-switch{display:flex;gap:.4em;margin:.4em 0}.bnl-switch button{font:inherit;min-width:3em;
padding:.25em .6em;border:1px solid #1b1b1b;background:#fff;color:#1b1b1b;border-radius:3px;cursor:pointer}
.bnl-switch button[aria-pressed=true]{background:#1b1b1b;color:#fff;font-weight:bold}
.bnl-switch button:focus-visible{outline:3px solid #0057b8;outline-offset:2px}"""
    value = traitlets.Unicode().tag(sync=True)
    options = traitlets.List().tag(sync=True)  # [label, language code]
    label = traitlets.Unicode().tag(sync=True)
    titles = traitlets.Dict().tag(sync=True)  # the page's title per language
