"""Feed URLs as the user types them, and item links without their tracking junk."""

from __future__ import annotations

import re
import urllib.parse
import urllib.request
from pathlib import Path

# Query parameters that only say where a click came from; they make one story look like many links.
TRACKING_PARAMS = {
    "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "ocid", "cmpid",
    "ito", "xtor", "guccounter", "_hsenc", "_hsmi", "mkt_tok", "smid", "sr_share", "__twitter_impression",
}

# One tracking parameter with its value and the "&" after it (a regex: this runs for every item).
_TRACKING = re.compile(
    r"(?<=[?&])(?:utm_[^=&#]*|" + "|".join(re.escape(p) for p in sorted(TRACKING_PARAMS)) + r")(?=[=&#]|$)"
    r"(?:=[^&#]*)?(?:&|(?=#)|$)",
    re.I,
)
_DANGLING = re.compile(r"[?&]+(?=#|$)")


def normalize_feed_url(text: str, base: Path | None = None) -> str:
    """An http(s) URL as given, a file:// URL made absolute, or a local path (relative to `base`, else
    the working directory) as an absolute file:// URL. Anything else is a ValueError with a one-line
    message."""
    text = text.strip()
    if not text:
        raise ValueError("feed URL is empty")
    parts = urllib.parse.urlsplit(text)
    scheme = parts.scheme.lower()
    if scheme in ("http", "https"):
        if not parts.hostname:
            raise ValueError(f"not a usable feed URL (no host): {text}")
        return text
    if scheme == "file":
        return file_url(Path(urllib.request.url2pathname(parts.path)), base)
    # A one-letter "scheme" is a Windows drive letter; anything else with a colon-scheme is unsupported.
    if scheme and len(scheme) > 1:
        raise ValueError(f"unsupported feed URL scheme {scheme!r} (use http, https, file or a path): {text}")
    return file_url(Path(text).expanduser(), base)


def require_feed_file(url: str) -> str:
    """`url` when it is http(s) or names an existing regular file; else a one-line ValueError (a typo,
    or text that is no URL at all and so was read as a path; a FIFO would block every poll)."""
    if url.startswith("file:"):
        path = file_path(url)
        if not path.exists():
            raise ValueError(f"no such file: {path} (a feed is an http(s) URL, a file: URL or a feed file's path)")
        if not path.is_file():
            raise ValueError(f"{path} is not a regular file: a feed file must be one")
    return url


def file_url(path: Path, base: Path | None = None) -> str:
    if not path.is_absolute():
        path = (base or Path.cwd()) / path
    return path.resolve().as_uri()


def file_path(url: str) -> Path:
    """The local path of a file:// URL."""
    return Path(urllib.request.url2pathname(urllib.parse.urlsplit(url).path))


def clean_link(link: str) -> str:
    """The link without utm_* and other click-tracking query parameters."""
    link = link.strip()
    if "?" not in link:
        return link
    link = _TRACKING.sub("", link)
    return _DANGLING.sub("", link)
