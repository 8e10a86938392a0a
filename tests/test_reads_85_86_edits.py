"""Edits reads 85 and 86 asked for and the code did not yet make: the name a title only hints at."""

from __future__ import annotations

import pytest

from generate.closers import full_names
from generate.headlines import headline
from generate.kinds import kind_of


@pytest.mark.parametrize(("snippet", "line"), [
    # "a copied headline that never names Gilmorton": the lead tells him by his age
    ("Celtic loan teenage striker to Hibernian. Celtic have loaned 19-year-old Fraser Gilmorton to Hibernian until "
     "the end of the season, with the Easter Road club covering his full wages.",
     "Celtic loan teenage striker Fraser Gilmorton to Hibernian."),
    # "'Remember the name' but the caption never gives the name": he is the object of the signing
    ("Chelsea sign Portuguese winger from Benfica. Chelsea have completed the signing of Duarte Vilarinho from Benfica "
     "for 55 million euros, with the 21-year-old agreeing a seven-year contract at Stamford Bridge.",
     "Portuguese winger Duarte Vilarinho heads to Chelsea from Benfica."),
    # "no manager named": a skipper is a role, and the one appointed is he
    ("Red Sox name Triple-A skipper as manager. The Boston Red Sox have appointed Mike Tomasetti on a three-year deal "
     "after he led Triple-A Worcester to the International League title, the club said on Thursday.",
     "Red Sox name Triple-A skipper Mike Tomasetti as manager."),
    # "needs the coach's name (Swanepoelhof)": a former Springbok is someone
    ("Leicester Tigers appoint former Springbok as head coach. South African Hennie Swanepoelhof joins from the "
     "Stormers on a three-year deal, the Premiership club said on Wednesday.",
     "Leicester Tigers appoint former Springbok Hennie Swanepoelhof as head coach."),
    # "the copied headline still never names Mekuriaw": a runner is someone, and an integrity unit is no one
    ("Ethiopian runner handed four-year doping ban. The Athletics Integrity Unit has banned 5,000m runner Getaneh "
     "Mekuriaw for four years after he tested positive for EPO in an out-of-competition test, it said on Thursday.",
     "Ethiopia's Mekuriaw handed 4-year doping ban."),
    # "says 'Dane' instead of naming Havstrup": RB Leipzig, named in the title too, is no person
    ("Dane hits hat-trick as Leipzig thrash Mainz. Mikkel Havstrup scored three times in 19 minutes as RB Leipzig beat "
     "Mainz 5-0 at the Red Bull Arena on Saturday to climb to third in the Bundesliga.",
     "Havstrup hits hat-trick as Leipzig thrash Mainz, 5-0."),
])
def test_a_title_that_hints_at_someone_takes_the_name(snippet, line):
    assert headline(snippet) == line


def test_a_capitalised_particle_belongs_to_the_surname():
    # read 85, facts 1: "Hoeydonck" for Van Hoeydonck
    assert full_names("Jorre Van Hoeydonck attacked on the Oude Kwaremont, Kevin De Bruyne watched.") == [
        ("Jorre", "Van Hoeydonck"), ("Kevin", "De Bruyne")]
    assert "Van Hoeydonck" in headline(
        "Belgian solos to Tour of Flanders victory. Jorre Van Hoeydonck attacked on the Oude Kwaremont and rode clear "
        "to win in Oudenaarde on Sunday, 28 seconds ahead of the chasing group.")


def test_a_title_race_heading_to_its_next_round_is_a_preview_of_the_two_in_it():
    # read 85, reject: "no hook or emoji lead, headline copy with no drivers named"
    snippet = ("Title fight heads to Interlagos with three points in it. Red Bull's Jasper Holmgaard leads Mercedes "
               "driver Kieran Rathbourne by three points going into Sunday's Sao Paulo Grand Prix, with four races "
               "remaining.")
    assert kind_of(snippet) == "preview"
    assert headline(snippet) == "Title fight heads to Interlagos with 3 points in it, Holmgaard vs Rathbourne."
