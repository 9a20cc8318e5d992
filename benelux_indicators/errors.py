"""Typed errors: each names the dataset, the URL or file, and what went wrong.

Callers (CLI, refresh) catch :class:`SourceError` to report and carry on with the next
dataset; the subclasses let tests and users tell a timeout from a maintenance page.
"""
from __future__ import annotations


class BeneluxError(Exception):
    """Base of every error this package raises on purpose."""


class SourceError(BeneluxError):
    """A source could not deliver a dataset."""

    def __init__(self, dataset: str, reason: str, *, url: str | None = None, path: str | None = None):
        self.dataset, self.reason, self.url, self.path = dataset, reason, url, path
        where = f" ({url})" if url else f" ({path})" if path else ""
        super().__init__(f"{dataset}: {reason}{where}")


class OfflineError(SourceError):
    """The network is switched off and a request would have been needed."""


class FetchTimeout(SourceError):
    """The server did not answer within the timeout."""


class UnreachableError(FetchTimeout):
    """The host could not be reached at all (no network, DNS, refused connection, connect
    timeout): the rest of the run does not ask it again."""


class ServerError(SourceError):
    """HTTP 5xx from the server."""


class MaintenanceError(SourceError):
    """Eurostat redirected to its 'sorry' maintenance page."""


class TooBigError(SourceError):
    """Eurostat refused the extract as too big (HTTP 413) or queued it asynchronously."""


class NotDataError(SourceError):
    """The answer was an HTML page (or other non-data body) where data was expected."""


class CorruptDataError(SourceError):
    """A truncated gzip, a malformed TSV line, an unreadable cached or mirror file."""


class UnknownDatasetError(SourceError):
    """The dataset code is not known to the source."""


class UnknownDimensionError(SourceError):
    """A filter names a dimension or a code the dataset does not have."""


class KeyShapeError(SourceError):
    """The key has the wrong number of positions for the dataset (Eurostat fault 140)."""


class QueuedError(SourceError):
    """Eurostat queued the extraction and did not deliver it within the time budget; the
    queue id is kept, so a rerun picks the delivery up instead of asking again."""

    def __init__(self, dataset: str, queue_id: str, *, url: str | None = None):
        self.queue_id = queue_id
        super().__init__(dataset, f"queued by Eurostat, retry later (id {queue_id})", url=url)


class EmptyResultError(SourceError):
    """The query was valid but returned no observation."""


class RecipeError(BeneluxError):
    """A recipe or plan file is invalid; the message names the file and the field."""


class EditionError(BeneluxError):
    """An edition name is invalid, unknown, or already taken (editions are never overwritten)."""


class WriteError(BeneluxError):
    """Writing the results failed (e.g. a full disk); what was there before is unchanged."""


class UnknownNameError(BeneluxError, LookupError):
    """A figure, dataset or country code that does not exist; says the close matches."""

    def __init__(self, kind: str, name: str, known: list[str] | tuple[str, ...], where: str = ""):
        import difflib

        self.kind, self.name = kind, name
        self.close = tuple(difflib.get_close_matches(name, list(known), n=3, cutoff=0.6))
        hint = f"; did you mean {' or '.join(self.close)}?" if self.close else f"; known: {', '.join(sorted(known))}"
        super().__init__(f"unknown {kind} {name!r}{' in ' + where if where else ''}{hint}")

    def __str__(self) -> str:  # LookupError's own str() would quote the message
        return str(self.args[0])


class OutOfRangeError(BeneluxError, ValueError):
    """A year the data do not hold: says the range that exists."""


class NothingComputedError(BeneluxError, LookupError):
    """No year of a figure could be computed: names what is missing, never an empty frame."""
