"""Edits reads 85 and 86 asked for and the code did not yet make: the name a title only hints at."""

from __future__ import annotations

import pytest

from generate.angles import angle_hooks
from generate.closers import fits, full_names
from generate.headlines import headline, voiced_headline
from generate.kinds import kind_of
from generate.stars import star_line


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


@pytest.mark.parametrize(("snippet", "hook"), [
    # read 86: "it leaves out the $132m figure that is the real angle"
    ("Dodgers sign Japanese left-hander to six-year deal. Haruki Tanemura, 25, joins from the Yomiuri Giants on a "
     "$132m contract, with Los Angeles also paying a posting fee of about $21m.", "$132M 💰"),
    ("Ravens tie up pass rusher with four-year extension. Baltimore linebacker Trevon Okonjara has signed a four-year, "
     "$96 million contract extension, the team announced on Wednesday.", "$96M 💰"),
    ("Juventus sign Nigerian midfielder. Juventus signed midfielder Chidi Okechinwe from Lille on a five-year contract "
     "on Monday for a fee reported to be 45 million euros.", None),  # "reported to be": said as it is, not as ours
    ("Napoli sign Nigerian forward. Napoli have signed Nigerian forward Chidera Okonwuzie from Lille for a reported "
     "fee of 45 million euros, the Serie A club announced on Tuesday.", "€45M 💰"),
])
def test_a_deal_opens_with_what_it_is_worth(snippet, hook):
    assert (hook in angle_hooks(snippet, voiced_headline(snippet))) if hook else \
        not any("💰" in found for found in angle_hooks(snippet, voiced_headline(snippet)))


@pytest.mark.parametrize("snippet", [
    # a season's, a ceiling's, an add-on's or a carried contract's money is not what the deal is worth
    "Penguins hand winger eight-year extension. Pittsburgh have signed winger Mathis Larochevelle to an eight-year "
    "contract extension understood to be worth $8.5 million per season.",
    "Patriots sign veteran receiver. New England agreed terms with 31-year-old wide receiver Devin Pellingworth on a "
    "contract worth up to $8 million, his agent said.",
    "Aston Villa sign winger for £42m. The 23-year-old winger Kofi Adjei-Mensah has signed a five-year contract, with "
    "a further £6m payable in add-ons.",
    "Hornets trade forward to Heat. The Charlotte Hornets traded forward Kessler Ambrowitz to the Miami Heat. He is in "
    "the second year of a four-year, $88 million contract.",
])
def test_no_deal_is_worth_a_part_of_it(snippet):
    assert not any("💰" in hook for hook in angle_hooks(snippet, voiced_headline(snippet)))


@pytest.mark.parametrize(("snippet", "line"), [
    # the seed set's own: "For Borussia Dortmund heads to Kenji Arakawa." turned the player into the club
    ("Kenji Arakawa signs for Borussia Dortmund. Kenji Arakawa joined Borussia Dortmund from Kawasaki Frontale for "
     "€12m.", "Kenji Arakawa signs for Borussia Dortmund."),
    ("Tomás Arriaga signs with Nike. Tomás Arriaga agreed a 4-year deal worth $3.5m.", "Tomás Arriaga signs with Nike."),
    ("Théo Marchand signs for PSG from Lyon. Théo Marchand joined PSG from Lyon for €55m.",
     "Théo Marchand signs for PSG from Lyon."),  # not "lands for PSG"
])
def test_a_player_who_signs_for_a_club_stays_the_one_who_signs(snippet, line):
    assert headline(snippet) == line


@pytest.mark.parametrize(("snippet", "closer", "fitting"), [
    # the fact-check of 451: "bet-on-yourself SZN" on a 4-year extension; a 1-year deal is one
    ("Chiefs hand star pass rusher four-year extension. The Kansas City Chiefs signed defensive end Terrell Bassingame "
     "to a four-year, $120 million contract extension on Wednesday.", "bet-on-yourself SZN", False),
    ("Steelers sign veteran. Luis Carrasquillo agreed a 1-year, $15m deal with the Pittsburgh Steelers.",
     "bet-on-yourself SZN", True),
    # "bag secured" on a trade: the contract the player carries was signed before
    ("Hornets trade forward to Heat. The Charlotte Hornets traded forward Kessler Ambrowitz to the Miami Heat. He "
     "signed a four-year, $88 million contract in 2024.", "bag secured 💰", False),
    ("Heat sign center on three-year deal. Center Jamal Corbishley has signed a three-year, $75 million contract with "
     "the Miami Heat.", "bag secured 💰", True),
])
def test_a_contract_sign_off_fits_the_deal_it_is_on(snippet, closer, fitting):
    assert fits(snippet, headline(snippet), closer) is fitting


@pytest.mark.parametrize(("snippet", "star"), [
    # read 86: "'a point apiece' undersells a 90th-minute comeback and Marriner is missing"
    ("Nottingham Forest come from two down to draw 2-2 at Aston Villa. Substitute Joel Marriner equalised in the 90th "
     "minute at Villa Park on Monday after Ollie Brandreth's double had put Villa in control.",
     "Marriner equalises in the 90th minute"),
    # read 86: "no scorer"
    ("Lens end PSG's unbeaten run with 1-0 win. Moroccan midfielder Yassine Benhaddou scored the only goal at the Stade "
     "Bollaert-Delelis on Saturday.", "Benhaddou scores the only goal"),
])
def test_the_goal_that_decided_it_names_its_scorer(snippet, star):
    assert star_line(snippet, headline(snippet)) == star
