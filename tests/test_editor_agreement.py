"""The postable proxy against a strict editor's blind verdicts (data/eval/judged.jsonl)."""

from generate.eval.editor import agreement, read_judged

LAST_MODEL_FACT_LINES = 16  # the last read whose drafts' fact lines the model wrote
LAST_HEADLINE_READ = 22  # the last read of whole captions the house finished (from read 23 on, hooks only)


def test_postable_turns_down_most_of_what_the_editor_rejected_and_passes_the_references():
    # Before the dropped-fact and said-twice rules the proxy called 336 of the 446 rejected drafts
    # postable (75%) and agreed with the editor on 42% of the 580 captions; after them 27% and 77%.
    # Reads 8-9 (held out: the GPU-trained adapter's drafts, more fluent, their false claims harder to
    # see) agreed 66% and 61%: over all 1,060 captions 193 of 722 rejected drafts (27%) and 74%. With the
    # hesitant flag (the model's own mean log-probability) 39 of 722 (5%) and 86%; reads 8-9 74% and 69%.
    # Read 10 (held out: the shipped adapter with the flag in its chooser) 63% (56% without the flag); all
    # ten reads, 1,160 captions: 64 of 781 rejected drafts (8%), 84%; reads 8-10 69%. With wrong_count
    # ("twice in each half" for a goal in each): 59 of 781, 85%. Reads 11-12 (held out: house sign-offs, and
    # fresh40b) 72% and 69%; all twelve, 1,360 captions: 87 of 894 (9.7%), 83%; reads 8-12 70.5%. The
    # adapter that writes only the hook and fact line (house sign-offs) scoring the drafts, the flag at
    # -0.6: all fifteen reads, 1,639 captions: 59 of 1,011 (5.8%), 81%; reads 8-15 71.5%; held out for the
    # new line, reads 13-15, 65.6% (64.2% at -0.9), and read 16 67% (62%). Sixteen reads, 1,739 captions:
    # 65 of 1,061 (6.1%), 80.4%; reads 8-16 71%. Those are captions whose fact line the model wrote; reads
    # 17-22 are headline fact lines (generate/headlines.py), below.
    rows = read_judged()
    model_written = [row for row in rows if row["read"] <= LAST_MODEL_FACT_LINES]
    result = agreement(model_written)
    judged, passed = result["reject"]
    assert judged >= 1000 and passed <= 0.07 * judged
    references, passed = agreement(rows)["reference"]
    assert references >= 300 and passed >= 0.9 * references
    assert result["agree"] >= 0.80
    # The shipped adapters' own drafts (reads 8-16), where the proxy's job is hardest.
    assert agreement([row for row in model_written if row["read"] >= 8])["agree"] >= 0.70


def test_on_headline_fact_lines_the_proxy_tracks_the_editor_and_passes_few_rejects():
    # Reads 17-22: 5 of 171 rejected drafts postable, but 107 of 372 kept ones (agreement 50.3%): the lead's
    # facts counted as dropped and the headline, teacher-forced, as the model's doubt (bench/README.md).
    # Scored by the hook's own log-probability, as hooks-only decoding reports it (bench/judged_logprobs.py):
    # 6 of 171, 120 of 372, 52.5%. A caption that states a sentence of the snippet word for word (the
    # headline) no longer owes the lead's facts: 13 of 171 (7.6%), 239 of 372, 73.1%. Read 23 (hooks only,
    # held out) is harder: 16 of 39 rejected drafts postable, most of them for a sign-off that overclaims
    # ("DYNASTY 👑" on a third straight win), which the house now declines to borrow but no guard reads.
    # A headline pasted is no caption an editor posts as is (guards: "pastes:"), and postable now says so: it
    # matches the editor's post as is on 77.9% of these captions (68.7% without the flag), and their keep on
    # 49.2%: what it claims is the post, not the light edit.
    rows = [row for row in read_judged() if LAST_MODEL_FACT_LINES < row["read"] <= LAST_HEADLINE_READ]
    result = agreement(rows)
    judged, passed = result["reject"]
    assert judged >= 100 and passed <= 0.08 * judged
    assert result["agree_post"] >= 0.75


def test_postable_sees_the_pasted_body_a_strict_editor_sends_back():
    # Reads 32-43 under the brief that names the pasted body: postable matched the editor's post as is on
    # 35% of the 682 captions without the "pastes:" flag, 88% with it; it passed 106 of the 126 posted, 56 of
    # the 441 edited, 4 of the 115 rejected.
    rows = [row for row in read_judged() if row["read"] in {32, 33, 35, 37, 39, 41, 43}]
    result = agreement(rows)
    assert len(rows) >= 600 and result["agree_post"] >= 0.85
    judged, passed = result["keep"]
    posted, posted_passed = result["post"]
    assert passed - posted_passed <= 0.2 * (judged - posted)  # the light edits: mostly turned down


def test_agreement_counts_each_verdict_against_the_proxy():
    good = ("Spurs 120-101 over the Denver Nuggets 🔥 Wembanyama swatted 9 shots. the block party is LOUD 🐐")
    snippet = "Wembanyama blocked 9 shots as the San Antonio Spurs beat the Denver Nuggets 120-101."
    rows = [
        {"snippet": snippet, "caption": good, "verdict": "post", "source": "reference"},
        {"snippet": snippet, "caption": good, "verdict": "reject", "source": "draft"},
        {"snippet": snippet, "caption": "Spurs UNLESSLY 🔥", "verdict": "reject", "source": "draft"},
        {"snippet": snippet, "caption": "Spurs UNLESSLY 🔥", "verdict": "edit", "source": "draft"},
        {"snippet": snippet, "caption": good, "verdict": "reject", "source": "draft", "mean_logprob": -1.5},
    ]
    assert agreement(rows) == {"reject": (3, 1), "keep": (2, 1), "post": (1, 1), "reference": (1, 1), "agree": 0.6,
                               "agree_post": 0.8}
