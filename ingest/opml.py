"""Feed lists in OPML, as feed readers export them: every outline with an xmlUrl, however nested."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from text import clean_text, one_line
from ingest.urls import normalize_feed_url, require_feed_file


@dataclass
class OpmlFeeds:
    feeds: list[tuple[str, str | None]] = field(default_factory=list)  # (normalized URL, title)
    skipped: list[str] = field(default_factory=list)  # one line each: an xmlUrl we cannot poll, and why


def read_opml(path: Path) -> OpmlFeeds:
    """The feeds listed in an OPML file. Relative paths in xmlUrl resolve against the file's folder.
    A file that cannot be read or is not OPML is a ValueError with a one-line message."""
    try:
        root = ET.parse(path).getroot()
    except FileNotFoundError:
        raise ValueError(f"no such file: {path}") from None
    except IsADirectoryError:
        raise ValueError(f"{path} is a directory, not an OPML file") from None
    except ET.ParseError as e:
        raise ValueError(f"{path}: not valid XML ({e})") from None
    except OSError as e:
        raise ValueError(f"cannot read {path}: {e.strerror or e}") from None
    if root.tag.lower() != "opml":
        raise ValueError(f"{path}: not an OPML file (the root element is <{root.tag}>, not <opml>)")
    result = OpmlFeeds()
    base = path.resolve().parent
    for outline in root.iter("outline"):
        attributes = {k.lower(): v for k, v in outline.attrib.items()}
        url = (attributes.get("xmlurl") or "").strip()
        if not url:
            continue  # a folder, or a plain link
        try:
            feed_url = require_feed_file(normalize_feed_url(url, base=base))
        except ValueError as e:
            result.skipped.append(str(e))
            continue
        title = one_line(clean_text(attributes.get("title") or attributes.get("text") or ""))[:200]
        result.feeds.append((feed_url, title or None))
    return result


def write_opml(feeds: list[dict], title: str = "versus-captions feeds") -> str:
    """An OPML 2.0 document listing `feeds` (rows with url and name), as feed readers import them."""
    root = ET.Element("opml", version="2.0")
    ET.SubElement(ET.SubElement(root, "head"), "title").text = title
    body = ET.SubElement(root, "body")
    for feed in feeds:
        name = feed["name"] or feed["url"]
        ET.SubElement(body, "outline", text=name, title=name, type="rss", xmlUrl=feed["url"])
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
