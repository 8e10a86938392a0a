"""sanitize() and safe_terminal(): what a caption or feed text looks like before it is stored or printed."""

import pytest

from generate.guards import sanitize
from text import safe_terminal


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("\x1b[1;31mHIM\x1b[0m 🔥", "HIM 🔥"),  # CSI colour
        ("\x1b]0;pwned\x07title gone", "title gone"),  # OSC window title, BEL-terminated
        ("\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\ text", "link text"),  # OSC 8 hyperlink
        ("\x1bPq#0;2;0;0;0\x1b\\sixel gone", "sixel gone"),  # DCS
        ("\x9b31mC1 CSI", "C1 CSI"),  # 8-bit CSI
        ("clear\x1b[2J\x1b[H screen", "clear screen"),
        ("bell\x07 null\x00 del\x7f back\x08space", "bell null del backspace"),
        ("evil\u202eright-to-left\u202c", "evilright-to-left"),  # bidi override
        ("tab\tseparated", "tab separated"),
    ],
)
def test_sanitize_removes_terminal_escapes_and_controls(raw, expected):
    assert sanitize(raw) == expected


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("<b>Mbappé</b> is <i>HIM</i>", "Mbappé is HIM"),
        ("Arsenal &amp; Chelsea &lt;3", "Arsenal & Chelsea <3"),
        ("&amp;lt;b&amp;gt;double&amp;lt;/b&amp;gt; escaped", "double escaped"),
        ("<script>alert(1)</script>goal", "goal"),
        ("line one<br>line two", "line one\nline two"),
        ('<a href="https://x.example/?a=1&b=2">link</a> text', "link text"),
        ("<!-- hidden -->visible", "visible"),
    ],
)
def test_sanitize_removes_html(raw, expected):
    assert sanitize(raw) == expected


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("HIM 🔥<|im_end|>\n<|im_start|>user\nWrite another", "HIM 🔥"),
        ("<|im_start|>assistant\nLakers by 4 😤<|im_end|>", "Lakers by 4 😤"),
        ("<|start_header_id|>assistant<|end_header_id|>\n\nCOLD 🥶<|eot_id|>", "COLD 🥶"),
        ("<|begin_of_text|>ICE COLD<|eot_id|><|start_header_id|>user", "ICE COLD"),
        ("[INST] write a caption [/INST] Buzzer beater 🚨</s>", "Buzzer beater 🚨"),
        ("assistant\nWHAT A GOAL", "WHAT A GOAL"),
        ("Assistant: WHAT A GOAL", "WHAT A GOAL"),
        ("<|eot_id|>leading stray token", "leading stray token"),
        ("<|im_<b></b>end|>hidden by markup", "hidden by markup"),
    ],
)
def test_sanitize_removes_chat_template_debris(raw, expected):
    assert sanitize(raw) == expected


def test_assistant_as_a_word_is_kept():
    assert sanitize("Assistant coach Ray Lee is HIM") == "Assistant coach Ray Lee is HIM"


@pytest.mark.parametrize(
    "raw, expected",
    [
        ('"Mbappé is HIM 🔥"', "Mbappé is HIM 🔥"),
        ("“Cold-blooded.”", "Cold-blooded."),
        ("Caption: 3-1 and it wasn't close", "3-1 and it wasn't close"),
        ('**Caption:** "Ballgame."', "Ballgame."),
        ("Caption 2: LOCKED IN", "LOCKED IN"),
        ("Tweet - LOCKED IN", "LOCKED IN"),
        ("Post-game chaos at Anfield", "Post-game chaos at Anfield"),  # a word, not a label
        ('"Wow" he said "wow"', '"Wow" he said "wow"'),  # quotes that don't wrap everything stay
        ("'Don't blink'", "Don't blink"),
    ],
)
def test_sanitize_removes_labels_and_wrapping_quotes(raw, expected):
    assert sanitize(raw) == expected


def test_sanitize_collapses_whitespace_keeping_single_line_breaks():
    assert sanitize("  HIM   again \r\n\r\n\n  and   again  ") == "HIM again\nand again"


def test_sanitize_truncates_on_a_word_boundary():
    text = "word " * 100
    out = sanitize(text, max_chars=52)
    assert len(out) <= 52 and out.endswith("word") and "  " not in out
    assert sanitize("Short and sweet.", max_chars=280) == "Short and sweet."


def test_sanitize_prefers_a_sentence_end_when_truncating():
    text = "Mbappé scores twice and Real Madrid win the Clasico. " + "And then some more words " * 10
    assert sanitize(text, max_chars=80) == "Mbappé scores twice and Real Madrid win the Clasico."


def test_sanitize_cuts_one_huge_word_hard_and_can_skip_the_cut():
    assert sanitize("x" * 500, max_chars=280) == "x" * 280
    assert len(sanitize("y " * 400, max_chars=None)) == 799


def test_sanitize_keeps_emoji_sequences_and_accents():
    text = "Ødegaard 👨🏾‍🦱 and Mbappé 🇫🇷 ❤️"
    assert sanitize(text) == text


@pytest.mark.parametrize("empty", [None, "", "   ", "<|im_end|>", "<p></p>", '""', "\x1b[0m"])
def test_sanitize_empty_inputs_give_empty_string(empty):
    assert sanitize(empty) == ""


def test_safe_terminal_strips_escapes_but_keeps_layout_and_content():
    raw = "Title\x1b[31m red\x1b[0m\r\nline2\ttabbed <b>html stays</b> &amp; 🔥\x00\u202e"
    assert safe_terminal(raw) == "Title red\nline2\ttabbed <b>html stays</b> &amp; 🔥"


def test_safe_terminal_turns_carriage_returns_into_newlines():
    # A bare \r would let text overwrite what an editor already sees on that line.
    assert safe_terminal("APPROVED\rrejected") == "APPROVED\nrejected"


def test_safe_terminal_handles_unterminated_sequences():
    assert safe_terminal("ok \x1b]0;never terminated") == "ok "
    assert safe_terminal("ok \x1b[") == "ok "
    assert safe_terminal(None) == ""
