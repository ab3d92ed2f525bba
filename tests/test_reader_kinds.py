"""Kinds of sentence the reader reads a certain way, each with its contrast (issue 8, set E)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bench.facts import load_cases
from monitor.extract.reading import report_for
from monitor.extract.reading.claims import judge
from monitor.extract.reading.cues import Predicate, Source
from monitor.model import Article, FactKind, Status, Watch
from tests.conftest import FIXTURES

ACME = Watch("acme-berlin", "Acme", ("Jane Doe",), "Berlin", date(2026, 7, 12))
NOTHING = Watch("nothing-london", "Nothing", ("Carl Pei",), "London", date(2026, 7, 12))
BEFORE = datetime(2026, 6, 20, 9, tzinfo=UTC)
ON_THE_DAY = datetime(2026, 7, 12, 20, tzinfo=UTC)


def _read(body: str, watch: Watch = ACME, published: datetime | None = BEFORE,
          title: str = "") -> tuple[Status | None, set[tuple[FactKind, str]]]:
    article = Article("https://news.test/a", "https://news.test/a", title, body, published)
    report = report_for(article, watch)
    if report is None:
        return None, set()
    return report.status, {(f.kind, f.value) for f in report.facts}


@pytest.mark.parametrize(("sentence", "status"), [
    # The hour of the event is the organiser's schedule...
    ("Acme's launch event will be held in Berlin on 12 July at 17:00 CEST.", Status.CONFIRMED),
    # ...not without it, nor when someone else tells it, nor when hedged.
    ("Acme's launch event will be held in Berlin on 12 July.", Status.REPORTED),
    ("According to sources, Acme's launch event will be held in Berlin on 12 July at 17:00 CEST.",
     Status.REPORTED),
    ("Acme's launch event is expected to be held in Berlin on 12 July at 17:00 CEST.",
     Status.RUMORED),
])
def test_an_hour_makes_a_plain_statement_a_schedule(sentence: str, status: Status) -> None:
    assert _read(sentence)[0] is status


def test_a_maker_named_like_a_word_does_not_negate_its_product() -> None:
    _, facts = _read("Nothing Phone (2) will be unveiled at the launch event in London "
                          "on 12 July, Nothing said.", NOTHING)
    assert (FactKind.PRODUCT, "Nothing Phone (2)") in facts
    # A real negation still rules a product out.
    _, facts = _read("Nothing said there will be no Nothing Phone (2) at the launch event in "
                     "London on 12 July.", NOTHING)
    assert (FactKind.PRODUCT, "Nothing Phone (2)") not in facts


def test_a_cancelled_event_did_not_take_place() -> None:
    # A real article (set E): the cancellation, then "their previously announced games" and
    # "showcased ... at this year's E3", past tenses that do not name the event's day or city.
    case = next(c for c in load_cases(FIXTURES / "real-news") if c.name.startswith("e10-"))
    report = report_for(case.article, case.watch)
    assert report is not None and report.status is Status.CANCELLED


@pytest.mark.parametrize("sentence", [
    "Este domingo, durante la conferencia anual de Acme en Berlín, Jane Doe afirmó que la marca "
    "creció.",
    "Pendant la conférence d'Acme à Berlin, Jane Doe a déclaré que la marque a grandi.",
    "Während der Konferenz von Acme in Berlin sagte Jane Doe, die Marke sei gewachsen.",
])
def test_said_during_the_event_in_other_languages(sentence: str) -> None:
    assert _read(sentence, published=ON_THE_DAY)[0] is Status.HAPPENED
    # Before the event's day the same words cannot tell it took place.
    assert _read(sentence, published=BEFORE)[0] is not Status.HAPPENED


@pytest.mark.parametrize(("sentence", "status"), [
    # Portuguese "no evento" is "at the event" (em + o): no negation of it.
    ("Nintendo deixou claro que nenhuma informação sobre jogos será incluída no evento.", None),
    ("Especulações apontavam que Mario estaria longe de aparecer no evento.", None),
    # Its "não" before an event is one.
    ("Não haverá evento em junho.", Status.DENIED),
    ("There will be no event in June.", Status.DENIED),
])
def test_portuguese_no_is_at_the(sentence: str, status: Status | None) -> None:
    claims = judge(sentence)
    assert (claims[0].status if claims else None) is status


def test_held_later_is_a_postponement() -> None:
    # German "nachholen": to hold later what could not be held on its day.
    status, _ = _read("Ursprünglich hätte das große Event von Acme in Berlin am 12. Juli "
                      "stattfinden sollen, nun wird es im September nachgeholt.")
    assert status is Status.POSTPONED


def test_look_forward_to_moves_nothing() -> None:
    # "forward to" moves an event only when brought forward: here the day is another event's.
    body = ("Thanks to a tweet from Jane Doe, we now have an Acme event to look forward to "
            "which will take place on 19 September in Berlin.")
    assert _read(body)[0] is None


def test_lever_le_voile_names_an_event() -> None:
    body = "Ce dimanche 12 juillet, Acme a choisi Berlin pour lever le voile sur ses montres."
    assert _read(body, published=ON_THE_DAY)[0] is not None


@pytest.mark.parametrize(("day", "about"), [("24 February 2027", False), ("12 July 2026", True)])
def test_an_undated_article_tells_its_edition_by_the_year_it_writes(day: str, about: bool) -> None:
    # Without a publication day the article is read against the watched day; a day it gives
    # an event with its year says which edition the article is about.
    title = "Acme hints at the date of its next launch"
    body = ("Acme has basically confirmed that it will show new watches soon.\n"
            f"The teaser points to a launch event on {day}.")
    assert (_read(body, published=None, title=title)[0] is not None) is about


@pytest.mark.parametrize(("sentence", "status"), [
    ("OnePlus, lansman etkinliğini ve ilgili faaliyetleri ertelediğini duyurdu.", Status.POSTPONED),
    ("Jednak globalna premiera została teraz przesunięta na 13 września.", Status.POSTPONED),
    ("A Hyundai kénytelen volt elhalasztani modelljének premierjét a Pekingi Autószalonon.",
     Status.POSTPONED),
    ("Компания Xiaomi перенесла презентацию на 20 февраля.", Status.POSTPONED),
    ("Toyota etkinliği iptal etti.", Status.CANCELLED),
    ("A OnePlus remarcou o lançamento do OnePlus 6T para 29 de outubro.", Status.POSTPONED),
    # A maker staying away from a show: its part of it is off, no denial of the show.
    ("Sony will not attend E3 2019.", Status.CANCELLED),
    ("A Toyota anunciou que não participará do Salão do Automóvel.", Status.CANCELLED),
])
def test_disruptions_in_more_languages(sentence: str, status: Status) -> None:
    # Languages without a full cue table still tell a move or a cancellation (issue 8, kind 6).
    assert [c.status for c in judge(sentence)] == [status]


def test_tomorrow_is_the_day_of_what_comes() -> None:
    # Watched: 12 July. "Demain", from an article of 20 June, is 21 June: another event.
    title = "Acme va présenter une nouvelle montre demain"
    body = "Sans tambours ni trompettes, Acme annonce la présentation d'une montre dès demain."
    assert _read(body, title=title)[0] is None
    # The day before the watched one, "demain" is the watched day.
    assert _read(body, title=title, published=datetime(2026, 7, 11, 9, tzinfo=UTC))[0] is not None


def test_an_article_years_after_the_watched_day_is_about_a_later_edition() -> None:
    body = "Acme unveiled its new watch in Berlin yesterday, at a launch event."
    assert _read(body, published=datetime(2028, 7, 13, 9, tzinfo=UTC))[0] is None
    assert _read(body, published=datetime(2026, 7, 13, 9, tzinfo=UTC))[0] is Status.HAPPENED


@pytest.mark.parametrize(("sentence", "status"), [
    # "In case it is confirmed today ...": a condition, no confirmation.
    ("En caso de que se confirme hoy, se anunciará al mediodía.", Status.RUMORED),
    # Leakers are no one on record.
    ("Leakers claim Acme's launch event is still on.", Status.RUMORED),
])
def test_conditions_and_leakers(sentence: str, status: Status) -> None:
    assert judge(sentence)[0].status is status


AFTER = datetime(2026, 7, 13, 8, tzinfo=UTC)


@pytest.mark.parametrize(("published", "status"), [
    (AFTER, Status.HAPPENED),  # told the day after: it took place, whatever its verbs
    (BEFORE, Status.REPORTED),  # the same words before the day are a report of a plan
])
def test_an_event_told_after_its_day_took_place(published: datetime, status: Status) -> None:
    # The event's day is the watch's: no sentence dates the event as past.
    body = ("Acme's launch event in Berlin lasted barely an hour. "
            "Jane Doe and two engineers spoke about the new Widget.")
    assert _read(body, published=published)[0] is status


def test_told_after_its_day_a_postponement_still_holds() -> None:
    body = "Acme has postponed its launch event in Berlin, planned for 12 July, to September."
    assert _read(body, published=AFTER)[0] is Status.POSTPONED


def test_an_undated_article_is_not_written_on_the_event_day() -> None:
    # Undated, the article's stand-in day is the watch's: a plain "will take place" on that day
    # is a report, not "an event scheduled for today".
    body = "Acme's launch event will take place in Berlin on 12 July."
    assert _read(body, published=None)[0] is Status.REPORTED
    assert _read(body, published=datetime(2026, 7, 12, 7, tzinfo=UTC))[0] is Status.CONFIRMED


@pytest.mark.parametrize(("sentence", "status"), [
    # "would" after a verb of saying is the future of the past, not a hedge (and the company
    # saying it puts it on record)...
    ("Acme said on Monday it would hold its launch event in Berlin on 12 July.",
     Status.CONFIRMED),
    # ...but alone it is one.
    ("Acme would hold its launch event in Berlin on 12 July.", Status.RUMORED),
])
def test_would_after_a_verb_of_saying(sentence: str, status: Status) -> None:
    assert _read(sentence)[0] is status


def test_a_source_that_opens_its_own_clause_frames_that_clause_only() -> None:
    sentence = ("Acme's chief executive Jane Doe teased the launch event in Berlin on 12 July, "
                "with rumours circulating that the Widget 2 will be shown there.")
    claims = judge(sentence)
    teased = next(c for c in claims if sentence[c.start:c.end] == "teased")
    assert teased.source is None and teased.status is Status.CONFIRMED
    # After the predicate and framing nothing else, a source is still its source.
    claims = judge("Acme will hold a launch event in Berlin on 12 July, sources say.")
    assert claims[0].status is Status.REPORTED


@pytest.mark.parametrize(("sentence", "status"), [
    # Hearsay with nobody to say it...
    ("Se rumorea que el evento de Acme tendrá lugar el 12 de julio en Berlín.", Status.RUMORED),
    ("Si vocifera che l'evento di Acme si terrà il 12 luglio a Berlino.", Status.RUMORED),
    ("On murmure que l'événement d'Acme aura lieu le 12 juillet à Berlin.", Status.RUMORED),
    ("Se dice que Acme presentará su nuevo teléfono en Berlín el 12 de julio.", Status.RUMORED),
    ("Si dice che Acme presenterà il nuovo telefono a Berlino il 12 luglio.", Status.RUMORED),
    # ...against the same plan told plainly.
    ("Acme presentará su nuevo teléfono en Berlín el 12 de julio.", Status.REPORTED),
])
def test_impersonal_hearsay_is_a_rumour(sentence: str, status: Status) -> None:
    assert _read(sentence)[0] is status


def test_a_german_compound_date_is_the_event_date_confirmed() -> None:
    # Confirmed what? "Vorstellungsdatum" is a date, though no event word stands near.
    body = ("Acme-Chef Jane Doe hat das genaue Vorstellungsdatum bestätigt. "
            "Am 12. Juli wird das Widget in Berlin vorgestellt.")
    assert _read(body)[0] is Status.CONFIRMED


def test_a_german_ordinal_date_does_not_end_the_sentence() -> None:
    from monitor.extract.reading.sentences import split_sentences

    text = "Die ursprünglich vom 27. bis 30. Mai 2020 geplante Messe fällt aus. Neu: am 18. Mai."
    assert split_sentences(text) == [
        "Die ursprünglich vom 27. bis 30. Mai 2020 geplante Messe fällt aus.", "Neu: am 18. Mai."]


@pytest.mark.parametrize(("body", "status"), [
    # Names and event words of languages that write without spaces...
    ("『アクメ2026』イベントの中止が決定した。", Status.CANCELLED),
    ("アクメは7月12日にベルリンで発表会を開催する。", Status.REPORTED),
    # ...and a brand in capitals.
    ("ACME has postponed its launch event in Berlin, planned for 12 July.", Status.POSTPONED),
])
def test_names_without_spaces_or_in_capitals(body: str, status: Status) -> None:
    watch = Watch("acme-berlin", "Acme", ("アクメ",), "Berlin", date(2026, 7, 12))
    assert _read(body, watch)[0] is status


def test_a_run_until_a_later_day_began_on_the_watched_one() -> None:
    # A real article (set G): Renault at the Paris show that opened on the watched day, its
    # stand open "fino al 23 ottobre". That day ends the run; it is no other event's day, nor
    # the event's date.
    case = next(c for c in load_cases(FIXTURES / "real-news") if c.name.startswith("g60-"))
    report = report_for(case.article, case.watch)
    assert report is not None
    assert "2022-10-23" not in {f.value for f in report.facts if f.kind is FactKind.DATE}


def test_a_move_to_a_weekday_and_a_condition_on_a_delay() -> None:
    body = ("Acme delayed its Berlin launch event, planned for 12 July, until Wednesday. "
            "Provided it doesn't get delayed again, the Widget arrives then.")
    assert _read(body, published=datetime(2026, 7, 11, 9, tzinfo=UTC))[0] is Status.POSTPONED


def test_chinese_and_japanese_dates_and_stops() -> None:
    from monitor.extract.reading.dates import find_dates
    from monitor.extract.reading.sentences import split_sentences

    days = [d.first for d in find_dates("2023年9月19日と9月20日に開催", date(2023, 9, 1))]
    assert days == [date(2023, 9, 19), date(2023, 9, 20)]
    assert [d.first for d in find_dates("9월 25일 개최", date(2023, 9, 1))] == [date(2023, 9, 25)]
    assert split_sentences("中止が決定した。イベントは開催予定。「すごい！」と彼は言った。") == [
        "中止が決定した。", "イベントは開催予定。", "「すごい！」と彼は言った。"]


def test_a_bare_clock_time_after_an_article_is_the_hour() -> None:
    # A real article (set G): "attendere le 18:00 del 23 Agosto, giorno in cui Nikon
    # presenterà la fotocamera": the hour of the schedule, so confirmed.
    case = next(c for c in load_cases(FIXTURES / "real-news") if c.name.startswith("g10-"))
    report = report_for(case.article, case.watch)
    assert report is not None and report.status is Status.CONFIRMED
    assert any(f.kind is FactKind.TIME and f.value.startswith("18:00") for f in report.facts)


@pytest.mark.parametrize("sentence", [
    "Se especula que Acme celebrará su evento en Berlín el 12 de julio.",
    "Si ipotizza che Acme terrà il suo evento a Berlino il 12 luglio.",
])
def test_speculation_said_impersonally(sentence: str) -> None:
    assert _read(sentence)[0] is Status.RUMORED


def test_may_in_german_is_no_italian_never() -> None:
    # Set G, g01: "die vom 27. bis 30. Mai 2020 geplante photokina 2020 abzusagen". Italian
    # "mai" (never) written with a capital is German or French May: no negation of the cancel.
    sentence = ("Die Koelnmesse hat entschieden, die vom 27. bis 30. Mai 2020 geplante "
                "photokina 2020 abzusagen.")
    assert [c.status for c in judge(sentence)] == [Status.CANCELLED]
    from monitor.extract.reading.cues import NEGATION

    assert NEGATION.search("Acme: mai più eventi") and not NEGATION.search("am 12. Mai")


def test_a_name_in_a_compound_is_the_company() -> None:
    # Set B, b12: "De organisatie van de Computex-hardwarebeurs ... heeft ... afgelast".
    body = "Die Veranstalter haben die Acme-Messe im Juli abgesagt."
    assert _read(body, title="Acme-Messe abgesagt")[0] is Status.CANCELLED


def test_the_watched_edition_named_after_another_event_is_ours_again() -> None:
    # Set F, f31: "Nach der E3 2020 fällt ... der nächste Dominostein: Die gamescom 2020 wurde
    # heute offiziell abgesagt". The E3 clause is another event; the gamescom one, with the
    # watched year, is not, and "heute" is the day it was called off, not the event's day.
    watch = Watch("gamescom-2020", "Koelnmesse", ("gamescom",), "Cologne", date(2020, 8, 25))
    body = ("Nach der E3 2020 in Los Angeles fällt der nächste Dominostein: Die gamescom 2020 "
            "wurde heute offiziell abgesagt.")
    status, facts = _read(body, watch, published=datetime(2020, 4, 16, 9, tzinfo=UTC),
                          title="Gamescom 2020")
    assert status is Status.CANCELLED
    assert (FactKind.DATE, "2020-04-16") not in facts


def test_a_show_called_off_by_its_planned_days() -> None:
    # Set E, e36: "Le salon automobile de Paris qui devait se tenir du 1er au 11 octobre
    # prochains ... a été annulé ce lundi." The planned days name the watched show, whatever
    # the organiser's name; "ce lundi" is the day it was called off; and "part of the event
    # could still be held" is no go-ahead.
    watch = Watch("paris-2020", "Mondial de l'Auto", (), "Paris", date(2020, 10, 1))
    body = ("Le salon automobile qui devait se tenir du 1er au 11 octobre prochains a été annulé "
            "ce lundi. Une partie de l'événement pourrait tout de même être maintenue, précisent "
            "les organisateurs.")
    status, facts = _read(body, watch, published=datetime(2020, 3, 30, 10, tzinfo=UTC),
                          title="Le Mondial de l'Auto 2020 n'aura pas lieu")
    assert status is Status.CANCELLED
    assert (FactKind.DATE, "2020-10-01") in facts


@pytest.mark.parametrize("body", [
    # Set B, b16: a claim passed on third-hand, read "mit der nötigen Skepsis".
    "Acme soll im Juli in Berlin sein Event abhalten. Ihr solltet die Meldung mit der nötigen "
    "Skepsis betrachten.",
    # Set F, f54: leakers; "whether it happens is anyone's guess".
    "Acme will hold its Berlin event on 12 July, a leaker says. Whether it happens is anyone's "
    "guess.",
])
def test_a_writers_doubt_makes_a_rumour(body: str) -> None:
    assert _read(body)[0] is Status.RUMORED


def test_german_soll_with_a_holding_verb_and_no_month_for_a_venue() -> None:
    # "Acme soll im Juli in Berlin sein Event abhalten": a report ("soll"), and "Juli" before
    # the city is the month, not a venue.
    status, facts = _read("Acme soll im Juli in Berlin sein Event abhalten.")
    assert status is Status.REPORTED
    assert not any(kind is FactKind.VENUE for kind, _ in facts)
    assert [c.source for c in judge("Acme soll im Juli ein Event veranstalten.")] == [
        Source.REPORT]


@pytest.mark.parametrize(("body", "status"), [
    # An announcement told as a noun is the company's own word...
    ("Acme took to YouTube to make a few announcements today, with the most notable being the "
     "announcement of an upcoming launch event in Berlin on 12 July.", Status.CONFIRMED),
    # ...but a product's announcement told by others stays a report.
    ("Sources say Acme will delay the announcement of its phone at the launch event in Berlin "
     "on 12 July.", Status.REPORTED),
    # A press release's "today announced" and a keynote to be given are on record.
    ("The organiser today announced Acme CEO Jane Doe will be delivering the opening keynote "
     "address at the Berlin event on 12 July.", Status.CONFIRMED),
])
def test_an_announcement_as_a_noun_and_a_keynote_to_be_given(body: str, status: Status) -> None:
    assert _read(body)[0] is status


@pytest.mark.parametrize("body", [
    "Acme will use its launch event in Berlin on 12 July for the new phone, as it did for the "
    "last ones, which has not been confirmed yet.",
    "Acme wird die Präsentation in Berlin am 12. Juli für das neue Handy und die neue Uhr "
    "verwenden, was aber noch nicht bestätigt ist.",
])
def test_a_doubt_cast_back_on_the_sentence(body: str) -> None:
    # "which is not confirmed" names no event near the word: it doubts the whole sentence.
    assert _read(body)[0] is Status.RUMORED


def test_a_name_written_with_a_typographic_apostrophe() -> None:
    from monitor.extract.reading.companies import company_pattern

    pattern = company_pattern(["Villa d'Este"])
    assert pattern is not None
    assert pattern.search("Il Concorso d’Eleganza di Villa d’Este è stato rinviato a ottobre.")
    assert not pattern.search("Villa de Este")


def test_the_invitation_after_a_leaked_one_is_the_leak() -> None:
    body = ("A blog is reporting on a leaked press invite for an Acme event in Berlin on 12 July. "
            "The invitation also promises an evening full of surprises.")
    assert _read(body)[0] is Status.RUMORED
    # Without the leak, the invitation is the company's own word.
    body = ("Acme has sent out a press invite for its event in Berlin on 12 July. "
            "The invitation also promises an evening full of surprises.")
    assert _read(body)[0] is Status.CONFIRMED


@pytest.mark.parametrize(("sentence", "confirms"), [
    # The adjective after its noun names a channel ("sito web ufficiale", "site officiel")...
    ("La community segnala un aggiornamento del sito web ufficiale di Acme.", False),
    ("Le site officiel d'Acme a été mis à jour.", False),
    # ...and still confirms where it is said of the event.
    ("Acme ha reso ufficiale la data dell'evento.", True),
])
def test_official_after_a_channel_names_the_channel(sentence: str, confirms: bool) -> None:
    assert any(c.status is Status.CONFIRMED for c in judge(sentence)) is confirms


@pytest.mark.parametrize(("body", "status"), [
    # A passing mention that claims nothing, with the writer's "perhaps", is a guess...
    ("Forse non è ancora il momento di abbandonare le speranze per un nuovo evento Acme il "
     "12 luglio a Berlino!", Status.RUMORED),
    # ...without it, a report of the event.
    ("Non è ancora il momento di abbandonare le speranze per un nuovo evento Acme il 12 luglio "
     "a Berlino!", Status.REPORTED),
])
def test_a_passing_mention_with_a_perhaps(body: str, status: Status) -> None:
    assert _read(body)[0] is status


@pytest.mark.parametrize(("sentence", "status"), [
    # The writer's own expectation, in Polish and in German with the verb last...
    ("Spodziewamy się, że Acme zaplanuje konferencję w Berlinie na 12 lipca.", Status.RUMORED),
    ("Wir gehen davon aus, dass Acme das Event am 12. Juli in Berlin abhalten wird.",
     Status.RUMORED),
    # ...and the same plans told plainly.
    ("Acme zaplanuje konferencję w Berlinie na 12 lipca.", Status.REPORTED),
    ("Wie die Zeitung berichtet, ist klar, dass Acme das Event am 12. Juli in Berlin abhalten "
     "wird.", Status.REPORTED),
])
def test_a_writers_expectation_and_a_verb_last(sentence: str, status: Status) -> None:
    assert _read(sentence)[0] is status


AFTER = datetime(2026, 7, 14, 9, tzinfo=UTC)


@pytest.mark.parametrize("sentence", [
    "Premiéra nového telefonu Acme se odehrála v neděli večer v Berlíně.",
    "Prezentacja Acme odbyła się 12 lipca w Berlinie.",
    "O evento da Acme aconteceu em Berlim no dia 12 de julho.",
    "El evento de Acme tuvo lugar en Berlín el 12 de julio.",
    "L'evento di Acme si è tenuto a Berlino il 12 luglio.",
])
def test_took_place_in_other_languages(sentence: str) -> None:
    status, facts = _read(sentence, published=AFTER)
    assert status is Status.HAPPENED
    # A past tense's bare weekday is the last one (12 July 2026 is a Sunday).
    assert (FactKind.DATE, "2026-07-12") in facts
    # Told before the day, the same words are no happening.
    assert _read(sentence, published=BEFORE)[0] is not Status.HAPPENED


def test_a_liveblogs_present_tense_and_its_day() -> None:
    body = ("Acme launch event keynote in Berlin. We're here updating live, just in case. "
            "Jane Doe's walking us through a little bit of Acme history.")
    status, facts = _read(body, published=None)
    assert status is Status.HAPPENED
    # Undated, the liveblog's day is nowhere in the text: no date is made up from the watch.
    assert not any(kind is FactKind.DATE for kind, _ in facts)
    assert (FactKind.DATE, "2026-07-12") in _read(body, published=ON_THE_DAY)[1]


def test_french_n_apostrophe_negates_and_s_annonce_announces_nothing() -> None:
    assert judge("Acme n’organisera pas d’événement à Berlin cet été.")[0].negated
    assert not judge("Acme organisera un événement à Berlin cet été.")[0].negated
    # "que s'annonce": the festival shaping up, nobody's announcement.
    assert not judge("Avec le festival de conférences que s’annonce, rien ne manque.")
    assert judge("Acme annonce son événement à Berlin pour le 12 juillet.")


def test_an_alias_that_names_the_event_is_the_event() -> None:
    forward = Watch("acme-forward", "Acme", ("Acme Forward", "Jane Doe"), None, None)
    # "Acme Forward" names the event: its negated holding is a denial...
    status, _ = _read("Acme n’organisera pas d’Acme Forward cet été. Un représentant d'Acme "
                      "confirme qu'aucun Acme Forward n'est prévu pour le moment.", forward)
    assert status is Status.DENIED
    # ...where a product with its number ("Acme 5") or the firm's longer name is no event.
    product = Watch("acme-5", "Acme", ("Acme 5", "Acme Group"), None, None)
    assert _read("Acme n’organisera pas la vente de l'Acme 5 en Acme Group.", product)[0] \
        is not Status.DENIED


def test_a_fair_moved_in_swedish_and_danish() -> None:
    status, facts = _read("Mässan Acme Expo i Berlin flyttas fram till 4–6 oktober 2027, "
                          "meddelar Acme.")
    assert status is Status.POSTPONED and (FactKind.DATE, "2027-10-04") in facts
    assert _read("Messen Acme Expo i Berlin den 12. juli er udsat, oplyser Acme.")[0] \
        is Status.POSTPONED


def test_a_fake_invitation_announces_no_event() -> None:
    body = ("Jemand verschickt gefälschte Einladungen zu einem Acme-Event. Die Einladung nennt "
            "den 12. Juli in Berlin.")
    assert _read(body)[0] is Status.DENIED
    # The same invitation, not called fake, is the company's word.
    body = "Acme verschickt Einladungen zu einem Event. Die Einladung nennt den 12. Juli in Berlin."
    assert _read(body)[0] is Status.CONFIRMED


def test_polish_announced_streamed_and_its_hour() -> None:
    from monitor.extract.reading.times import find_times

    assert _read("Acme zapowiedziało konferencję w Berlinie na 12 lipca.")[0] is Status.CONFIRMED
    assert _read("Acme zaplanuje konferencję w Berlinie na 12 lipca.")[0] is Status.REPORTED
    assert _read("Wydarzenie odbędzie się w Berlinie, którą Acme transmitować będzie na swoim "
                 "kanale YouTube 12 lipca.")[0] is Status.CONFIRMED
    assert [t.value for t in find_times("w poniedziałek o godzinie 15:00 polskiego czasu.")] \
        == ["15:00 CET"]
    assert [t.value for t in find_times("Stream powinien ruszyć o godzinie 9.")] == ["09:00"]
    # A bare number after "o" with no hour word is no time.
    assert find_times("Sprzedaż wzrosła o 9 procent.") == []


def test_another_company_staying_away_leaves_the_show_on() -> None:
    show = Watch("expo-berlin", "Messe Acme", ("Acme Expo",), "Berlin", date(2026, 7, 12))
    # Lenovo pulls out, and "the company" is Lenovo: the show itself goes on.
    status, _ = _read("Lenovo si ritira da Acme Expo. Lenovo avrebbe rivelato che l'azienda non "
                      "parteciperà all'edizione di Acme Expo, che si terrà il 12 luglio a "
                      "Berlino.", show)
    assert status is not Status.CANCELLED
    # The watched company staying away is its part called off.
    maker = Watch("lenovo-expo", "Lenovo", (), "Berlin", date(2026, 7, 12))
    status, _ = _read("Lenovo non parteciperà alla fiera Acme Expo, che si terrà il 12 luglio a "
                      "Berlino.", maker)
    assert status is Status.CANCELLED


def test_caution_urged_and_a_stream_told_by_others() -> None:
    body = ("Demnach soll das Acme-Event am 12. Juli in Berlin stattfinden. Es soll auch per "
            "Livestream übertragen werden. Betrachtet diese Information bitte mit der nötigen "
            "Vorsicht.")
    assert _read(body)[0] is Status.RUMORED
    # Without the caution, the same hearsay is a report.
    body = ("Demnach soll das Acme-Event am 12. Juli in Berlin stattfinden. Es soll auch per "
            "Livestream übertragen werden.")
    assert _read(body)[0] is Status.REPORTED


def test_in_via_di_is_no_source() -> None:
    claims = judge("Acme ha confermato l'evento di Berlino, con i dispositivi in via di "
                   "presentazione.")
    assert all(c.source is None for c in claims)


def test_the_invitation_known_from_a_report_is_the_report() -> None:
    body = ("Acme to host launch event on 12 July in Berlin. As per a recent report by a blog, "
            "Acme has sent out an invite for its event. Though there are no clues due to the "
            "invite, the notable aspect is that Acme will be present at the event in Berlin.")
    assert _read(body)[0] is Status.REPORTED


def test_an_undated_article_about_another_edition_by_name() -> None:
    watch = Watch("acme-summit-2024", "Acme", ("Acme Summit", "Jane Doe"), "Berlin",
                  date(2024, 3, 18))
    body = ("Jane Doe inauguró el martes la conferencia de Acme. En el Acme Summit 2025, Doe "
            "centró su discurso en la inteligencia artificial.")
    assert _read(body, watch, published=None)[0] is None
    # The watched edition by name is the event.
    body = body.replace("2025", "2024")
    assert _read(body, watch, published=None)[0] is not None


@pytest.mark.parametrize(("sentence", "day"), [
    # A person's past, regular or irregular, tells of this week's day that has gone by...
    ("As we left Acme's launch event in Berlin this Thursday, the new phones were everywhere.",
     "2026-07-09"),
    ("Jane Doe spoke at Acme's launch event in Berlin this Thursday.", "2026-07-09"),
    ("They walked out of Acme's launch event in Berlin this Thursday.", "2026-07-09"),
    # ...and a plan told ahead keeps the coming one.
    ("Acme will hold its launch event in Berlin this Thursday.", "2026-07-16"),
])
def test_this_weekday_told_in_the_past(sentence: str, day: str) -> None:
    saturday = datetime(2026, 7, 11, 9, tzinfo=UTC)
    dateless = Watch("acme-berlin", "Acme", ("Jane Doe",), "Berlin")
    _, facts = _read(sentence, dateless, published=saturday)
    assert (FactKind.DATE, day) in facts


@pytest.mark.parametrize(("sentence", "status"), [
    # "Happen" is English's other verb for taking place: a plan, hedged or not...
    ("A promotion suggested that Acme's launch event might happen in Berlin on 12 July.",
     Status.RUMORED),
    ("Acme's launch event will happen in Berlin on 12 July.", Status.REPORTED),
    # ...and, negated, a call-off.
    ("Acme's launch event in Berlin won't happen on 12 July.", Status.CANCELLED),
])
def test_happen_is_taking_place(sentence: str, status: Status) -> None:
    assert _read(sentence)[0] is status


def test_the_writer_was_there() -> None:
    # The writer was there, or the speaker began: the event took place...
    for sentence in ("I attended Acme's launch event in Berlin, which drew a crowd.",
                     "At 10 a.m. Jane Doe began her keynote at Acme's launch event in Berlin."):
        assert _read(sentence, published=None)[0] is Status.HAPPENED
    # ...but being somewhere else when it was announced is no account of it.
    status, _ = _read("I was at home when Acme announced its launch event in Berlin.",
                      published=None)
    assert status is not Status.HAPPENED


@pytest.mark.parametrize("sentence", [
    # The writer there, in other languages...
    "Siamo stati al mega evento di Acme a Berlino per il lancio dei nuovi telefoni.",
    "Wir waren beim Launch-Event von Acme in Berlin.",
    "Nous étions à la conférence d'Acme à Berlin.",
])
def test_the_writer_there_in_other_languages(sentence: str) -> None:
    assert _read(sentence, published=None)[0] is Status.HAPPENED


@pytest.mark.parametrize("sentence", [
    "Em um evento em Curitiba, a Motorola anunciou o Moto E, seu telefone mais barato.",
    "En un evento en Curitiba, Motorola anunció el Moto E, su teléfono más barato.",
])
def test_a_thing_announced_at_the_event_in_portuguese_and_spanish(sentence: str) -> None:
    moto = Watch("motorola-curitiba", "Motorola", (), "Curitiba")
    assert _read(sentence, moto, published=None)[0] is Status.HAPPENED


def test_announcing_a_date_is_no_account_of_the_event() -> None:
    status, _ = _read("Acme anunció la fecha de su evento en Berlín: el 12 de julio.",
                      published=None)
    assert status is not Status.HAPPENED


@pytest.mark.parametrize(("sentence", "status"), [
    # An event at risk may be called off: a guess at a cancellation, not one...
    ("Acme's launch event in Berlin on 12 July is at risk of being cancelled.", Status.RUMORED),
    ("Il lancio di Acme a Berlino del 12 luglio è a rischio cancellazione.", Status.RUMORED),
    ("Der Launch-Event von Acme in Berlin am 12. Juli steht auf der Kippe.", Status.RUMORED),
    # ...until it is.
    ("Acme's launch event in Berlin on 12 July has been cancelled.", Status.CANCELLED),
])
def test_an_event_at_risk(sentence: str, status: Status) -> None:
    assert _read(sentence)[0] is status


def test_the_launch_of_another_makers_product_is_that_makers_event() -> None:
    google = Watch("google-pixel", "Google", ("Pixel 6",), None, date(2021, 9, 13))
    body = ("Google may hold its event on 13 September. That is one day before the official "
            "presentation of the iPhone 13.")
    status, _ = _read(body, google, published=datetime(2021, 9, 2, 9, tzinfo=UTC))
    assert status is Status.RUMORED  # Apple's official presentation confirms nothing of it


def test_the_event_called_by_its_name_keeps_its_city_when_another_event_has_a_day() -> None:
    show = Watch("acme-world-berlin", "Acme", ("Acme World",), "Berlin", date(2026, 7, 12))
    body = ("Acme has cancelled its keynote at Acme World in Berlin. Instead it will make its "
            "announcements at the press event it has scheduled for 25 June.")
    assert _read(body, show)[0] is Status.CANCELLED


@pytest.mark.parametrize("sentence", [
    # The day beside a verb of saying said by several is when they said it, not the event's.
    "Les organisateurs ont annoncé samedi que le salon d'Acme à Berlin se tiendra le 12 juillet.",
    "Gli organizzatori hanno annunciato sabato che la fiera di Acme a Berlino si terrà il "
    "12 luglio.",
    "Los organizadores anunciaron el sábado que la feria de Acme en Berlín será el 12 de julio.",
])
def test_the_day_several_announced_it_is_not_the_events(sentence: str) -> None:
    _, facts = _read(sentence)
    assert {v for k, v in facts if k is FactKind.DATE} == {"2026-07-12"}


@pytest.mark.parametrize("sentence", [
    "La fiera di Acme a Berlino si terrà il 12 luglio.",
    "La feria de Acme en Berlín se celebrará el 12 de julio.",
    "De beurs van Acme in Berlijn vindt plaats op 12 juli.",
    "Targi Acme w Berlinie odbędą się 12 lipca.",
])
def test_a_trade_fair_is_an_event_in_every_language(sentence: str) -> None:
    assert _read(sentence)[0] is not None


@pytest.mark.parametrize("body", [
    "After the launch event in Milan, Acme invited the press to Berlin. Today's event is its "
    "biggest yet.",
    "Dopo l'evento di presentazione a Milano, Acme ha invitato i giornalisti a Berlino. "
    "L'evento di oggi è il più grande.",
])
def test_an_event_brought_in_as_what_came_before_is_background(body: str) -> None:
    dateless = Watch("acme-berlin", "Acme", ("Jane Doe",), "Berlin")
    status, facts = _read(body, dateless, published=None)
    assert status is not None and (FactKind.CITY, "Berlin") in facts


@pytest.mark.parametrize(("sentence", "status"), [
    # "Will not take place" and "called off", as English says them, in other languages...
    ("Het evenement van Acme in Berlijn op 12 juli is afgeblazen.", Status.CANCELLED),
    ("L'événement d'Acme à Berlin le 12 juillet n'aura pas lieu.", Status.CANCELLED),
    ("Das Event von Acme in Berlin findet am 12. Juli nicht statt.", Status.CANCELLED),
    ("Wydarzenie Acme w Berlinie 12 lipca nie odbędzie się.", Status.CANCELLED),
    # ...and the German plan that does take place.
    ("Das Event von Acme in Berlin findet am 12. Juli statt.", Status.REPORTED),
])
def test_will_not_take_place_in_other_languages(sentence: str, status: Status) -> None:
    assert _read(sentence)[0] is status


def test_the_move_told_apart_from_the_city() -> None:
    # The city in one sentence, the move and its new days in another: the new days are the
    # event's, not another event's.
    body = ("Anche il Salone di Acme a Berlino si piega al virus. Secondo Autonews, la kermesse "
            "verrà rinviata al prossimo settembre. Le conferenze stampa si terranno il 20 e 21 "
            "settembre.")
    status, facts = _read(body, published=datetime(2026, 6, 20, 9, tzinfo=UTC))
    assert status is not None and (FactKind.CITY, "Berlin") in facts


@pytest.mark.parametrize(("sentence", "status"), [
    # A call-off told as the reason, of what the company does not run, is not the news...
    ("Following the organisers' decision to cancel the fair, Acme will delay its launch event "
     "in Berlin.", Status.POSTPONED),
    # ...the company's own call-off is.
    ("Following the virus, Acme has cancelled its launch event in Berlin.", Status.CANCELLED),
])
def test_a_call_off_told_as_the_reason(sentence: str, status: Status) -> None:
    assert _read(sentence)[0] is status


def test_last_years_unveiling_without_an_event_word_is_last_years() -> None:
    body = ("A Acme anunciou que fará a revelação oficial dos seus novos telefones no dia 12 de "
            "julho num evento especial em Berlim. Recorde-se que a fabricante também revelou a "
            "série A1 em Berlim no ano passado.")
    assert _read(body, published=None)[0] is Status.CONFIRMED


@pytest.mark.parametrize(("sentence", "status"), [
    # The company or its people saying it is on record...
    ("Acme said it will hold its launch event in Berlin on 12 July.", Status.CONFIRMED),
    ("Acme will hold its launch event in Berlin on 12 July, Jane Doe told reporters.",
     Status.CONFIRMED),
    # ...its fans, or sources, are not.
    ("Acme fans said Acme will hold its launch event in Berlin on 12 July.", Status.REPORTED),
    ("Sources said Acme will hold its launch event in Berlin on 12 July.", Status.REPORTED),
])
def test_the_company_saying_it_is_on_record(sentence: str, status: Status) -> None:
    assert _read(sentence)[0] is status


@pytest.mark.parametrize(("sentence", "status"), [
    # Sources cited for what the writer calls a rumour leave it a rumour...
    ("Several sources back a rumour: Acme's launch event will be held in Berlin on 12 July.",
     Status.RUMORED),
    ("Mehrere Quellen stützen ein Gerücht: Das Launch-Event von Acme findet am 12. Juli in "
     "Berlin statt.", Status.RUMORED),
    # ...sources alone make a report.
    ("Several sources say Acme's launch event will be held in Berlin on 12 July.",
     Status.REPORTED),
])
def test_sources_for_a_rumour(sentence: str, status: Status) -> None:
    assert _read(sentence)[0] is status


@pytest.mark.parametrize(("sentence", "status"), [
    # Indonesian: announced, to be held, postponed.
    ("Acme mengumumkan acara peluncuran di Berlin pada 12 Juli.", Status.CONFIRMED),
    ("Acme akan menggelar acara peluncuran di Berlin pada 12 Juli.", Status.REPORTED),
    ("Acara peluncuran Acme di Berlin pada 12 Juli ditunda.", Status.POSTPONED),
])
def test_indonesian_plans_and_moves(sentence: str, status: Status) -> None:
    assert _read(sentence)[0] is status


def test_only_what_came_before_is_background() -> None:
    from monitor.extract.reading.resolve import BACKGROUND_START

    assert BACKGROUND_START.match("Na het evenement in Milaan")  # Dutch "after"
    assert BACKGROUND_START.match("Dopo l'evento a Milano")
    # Polish and Czech "na" is "at": the event itself.
    assert not BACKGROUND_START.match("Na konferencji w Berlinie")
    assert not BACKGROUND_START.match("Na akci v Berlíně")


@pytest.mark.parametrize(("body", "status"), [
    # An earlier time that says when the talk began or when something was sent...
    ("Ever since last year, the Acme launch event has been expected. Acme said on Monday that "
     "the launch event in Berlin will not take place.", Status.CANCELLED),
    ("Già dallo scorso anno si ipotizzava l'evento di Acme a Berlino. Acme ha confermato che "
     "l'evento non si terrà.", Status.DENIED),
    ("Two weeks ago Acme sent invitations to its launch event in Berlin.", Status.CONFIRMED),
    # ...is no earlier edition; a year ago and last year's are.
    ("A year ago Acme held its launch event in Berlin.", None),
    ("Last year's Acme launch event in Berlin was cancelled.", None),
    ("Lo scorso anno Acme ha tenuto l'evento a Berlino.", None),
])
def test_since_last_year_is_when_the_talk_began(body: str, status: Status | None) -> None:
    assert _read(body)[0] is status


def test_the_watched_day_spelt_out_without_an_event_word_is_the_event() -> None:
    # A real article (set E): its event words date the show's first edition (1907) and its old
    # January slot; "Il devait se tenir les 9 et 10 juin" gives the watched day with none.
    case = next(c for c in load_cases(FIXTURES / "real-news") if c.name.startswith("e35-"))
    report = report_for(case.article, case.watch)
    assert report is not None and report.status is Status.CANCELLED
    assert (FactKind.DATE, "2020-06-09") in {(f.kind, f.value) for f in report.facts}


QUALCOMM = Watch("qualcomm-maui", "Qualcomm", ("Snapdragon Summit",), "Maui", date(2025, 9, 23))
AFTER_THE_SUMMIT = datetime(2025, 9, 25, 9, tzinfo=UTC)


@pytest.mark.parametrize("body", [
    # An alias with an event word is the event's own name, whether or not it holds the company's.
    "At the Snapdragon Summit, Qualcomm announced plans to begin 6G testing in 2028. At the "
    "Snapdragon Summit held in Maui, Qualcomm also unveiled new chips.",
    # A bare year of a plan is not the day of the article's events: the city still places it.
    "At the Snapdragon Summit, Qualcomm announced plans to begin 6G testing in 2028. At the "
    "summit held in Maui, Qualcomm also unveiled new chips.",
])
def test_a_plans_year_does_not_date_the_event(body: str) -> None:
    assert _read(body, QUALCOMM, AFTER_THE_SUMMIT)[0] is Status.HAPPENED


def test_an_editions_year_still_dates_it() -> None:
    # (the contrast: "Snapdragon Summit 2023" names another edition, and Maui does not save it)
    body = ("Qualcomm recalled the Snapdragon Summit 2023. At the summit held in Maui, "
            "Qualcomm unveiled new chips.")
    assert _read(body, QUALCOMM, AFTER_THE_SUMMIT)[0] is not Status.HAPPENED


@pytest.mark.parametrize(("sentence", "published", "status"), [
    ("Jane Doe ofreció una presentación en el evento de Acme en Berlín.", ON_THE_DAY,
     Status.HAPPENED),
    ("Jane Doe hielt die Keynote beim Acme-Event in Berlin.", ON_THE_DAY, Status.HAPPENED),
    ("Jane Doe ha tenuto il discorso di apertura all'evento di Acme a Berlino.", ON_THE_DAY,
     Status.HAPPENED),
    # (what will be given has not happened)
    ("Jane Doe wird die Keynote beim Acme-Event in Berlin halten.", BEFORE, Status.REPORTED),
    ("Jane Doe ofrecerá una presentación en el evento de Acme en Berlín.", BEFORE,
     Status.REPORTED),
])
def test_a_keynote_given_in_other_languages(sentence: str, published: datetime,
                                            status: Status) -> None:
    assert _read(sentence, published=published)[0] is status


@pytest.mark.parametrize(("body", "status"), [
    # "hasn't been rescheduled" says there is no new day yet: the disruption stands.
    ("Acme is postponing its launch event in Berlin. The launch event hasn't been rescheduled.",
     Status.POSTPONED),
    # Development work on track is not the event going ahead; the event on track is.
    ("Acme has postponed its launch event in Berlin, but development work is on track.",
     Status.POSTPONED),
    ("Acme said the launch event in Berlin is on track.", Status.CONFIRMED),
    # A modal verb inside a relative clause does not hedge the main clause's verb.
    ("The Acme event in Berlin, where the company would present its new TVs, has been "
     "cancelled.", Status.CANCELLED),
    ("The Acme event in Berlin could be cancelled.", Status.RUMORED),
])
def test_what_a_disruption_stands_against(body: str, status: Status) -> None:
    assert _read(body)[0] is status


@pytest.mark.parametrize(("body", "published", "status"), [
    # A newsroom's liveblog of a running story is no liveblog of the event.
    ("Liveblog coronavirus: Acme schrapt evenement in Berlijn", BEFORE, Status.CANCELLED),
    ("Liveblog: Acme's launch event in Berlin", ON_THE_DAY, Status.HAPPENED),
    # Italian and Dutch postponements
    ("La presentazione di Acme a Berlino è stata rimandata a data da destinarsi.", BEFORE,
     Status.POSTPONED),
    ("Acme heeft besloten het evenement in Berlijn uit te stellen.", BEFORE, Status.POSTPONED),
    # Undated, so only the words can tell it took place: a show's tally of visitors, Polish
    # pasts of organising, someone met at or after the launch, "baru saja" (just) introduced.
    ("La feria de Acme en Berlín reunió a unos 50.000 visitantes.", None, Status.HAPPENED),
    ("La feria de Acme en Berlín espera reunir a unos 50.000 visitantes.", BEFORE,
     Status.REPORTED),
    ("Acme zorganizowało konferencję w Berlinie.", None, Status.HAPPENED),
    ("Kata Jane saat ditemui usai peluncuran Acme di Berlin.", None, Status.HAPPENED),
    ("Acme yang baru saja memperkenalkan ponsel di acara Berlin.", None, Status.HAPPENED),
    ("Speaking at the launch event in Berlin, Acme's Jane Doe said sales were strong.", None,
     Status.HAPPENED),
])
def test_more_languages_of_moves_and_happenings(body: str, published: datetime | None,
                                                status: Status) -> None:
    assert _read(body, published=published)[0] is status


def test_a_japanese_company_telling_its_plan_verb_last() -> None:
    # "Acme, on 9 January, made clear it will hold its product event in May": the company's
    # own word (a Latin name runs on into Japanese, "Acmeは"), and the day it said so.
    watch = Watch("acme-summit", "Acme", ("Acme Summit",), None, None)
    body = "Acmeは1月9日、製品発表会「Acme Summit」を5月に開催することを明らかにした。"
    assert _read(body, watch, None)[0] is Status.CONFIRMED
    assert _read(body, watch, datetime(2026, 1, 11, tzinfo=UTC))[0] is Status.CONFIRMED


@pytest.mark.parametrize(("body", "published", "status"), [
    # A future passive is a plan, a past one an account.
    ("La nuova Acme verrà presentata a Berlino.", None, Status.REPORTED),
    ("La nuova Acme è stata presentata a Berlino.", None, Status.HAPPENED),
    # A call-off in the air outweighs an older report that the show stands; told, it is one.
    ("Le mois dernier, Acme affirmait que le salon de Berlin serait maintenu. Acme devrait "
     "annoncer qu'il n'aura finalement pas lieu.", BEFORE, Status.RUMORED),
    ("Le mois dernier, Acme affirmait que le salon de Berlin serait maintenu. Acme a annoncé "
     "qu'il n'aura finalement pas lieu.", BEFORE, Status.CANCELLED),
    # The company notifying ("avvisa tutti che") puts it on record.
    ("In un comunicato Acme avvisa tutti che il 12 luglio a Berlino terrà un evento stampa.",
     BEFORE, Status.CONFIRMED),
    # A leaked invitation in Portuguese is nobody's word on record.
    ("Segundo um convite vazado, o evento da Acme em Berlim será em 12 de julho.", BEFORE,
     Status.RUMORED),
    # "In addition to announcing new devices" tells no announcement of the event...
    ("Acme is targeting 12 July for its Berlin event, people familiar with the matter said. In "
     "addition to announcing new devices, the company is planning to release new software "
     "next month, the people said.", BEFORE, Status.REPORTED),
    # ...where "after announcing the Berlin event" does.
    ("After announcing the Berlin event, Acme is planning a new app.", BEFORE, Status.CONFIRMED),
])
def test_plans_told_passive_in_the_air_or_in_passing(body: str, published: datetime | None,
                                                     status: Status) -> None:
    assert _read(body, published=published)[0] is status


MESSE = Watch("acme-messe", "Acme", ("Acme Messe",), "Berlin", date(2026, 7, 12))


@pytest.mark.parametrize(("body", "watch", "published", "status"), [
    # Compounds of event words: Dutch "persconferentie".
    ("Acme had een persconferentie gepland in Berlijn, maar heeft die geannuleerd.", ACME,
     BEFORE, Status.CANCELLED),
    # "fällt jetzt doch aus"; the next edition's year does not make an undated article another
    # year's.
    ("Acme Messe fällt jetzt doch aus. Die nächste Acme Messe soll vom 12. bis 16. April 2027 "
     "stattfinden.", MESSE, None, Status.CANCELLED),
    # A move told as an earlier step gave way to the call-off told since.
    ("Die Acme Messe in Berlin wurde nun ganz abgesagt, sagte Acme. Die Veranstalter hatten die "
     "Messe vor drei Wochen auf Mitte September verschoben.", MESSE, BEFORE, Status.CANCELLED),
    ("Acme's fair in Berlin is now called off. Organisers had postponed it to September three "
     "weeks ago.", MESSE, BEFORE, Status.CANCELLED),
    # (the last word holds when none is an earlier step)
    ("Die Veranstalter haben die Acme Messe in Berlin abgesagt. Nun wurde sie auf September "
     "verschoben, sagte Acme.", MESSE, BEFORE, Status.POSTPONED),
])
def test_compounds_next_editions_and_earlier_steps(body: str, watch: Watch,
                                                   published: datetime | None,
                                                   status: Status) -> None:
    assert _read(body, watch, published)[0] is status


@pytest.mark.parametrize(("body", "status"), [
    # Events called off by the many are the times' news, not this event's...
    ("Berlin has cancelled major events, and Acme is considering moving its launch event of 12 "
     "July online.", Status.REPORTED),
    ("Si à cause du virus beaucoup d'événements ont été annulés, la conférence d'Acme à Berlin "
     "le 12 juillet est quant à elle toujours maintenue.", Status.REPORTED),
    ("Acme will hold its launch event in Berlin on 12 July. Sono stati annullati vari eventi, "
     "fra cui forse quello di Acme.", Status.REPORTED),
    # ...while the event itself called off is.
    ("Acme has cancelled its launch event in Berlin on 12 July.", Status.CANCELLED),
    ("Acme's launch event in Berlin, like many events this summer, was cancelled.",
     Status.CANCELLED),
])
def test_events_called_off_at_large(body: str, status: Status) -> None:
    assert _read(body)[0] is status


OPPO = Watch("oppo-barcelona", "Oppo", ("Find X2",), "Barcelona", date(2020, 2, 24))


@pytest.mark.parametrize("aside", [
    "— originally planned for 24 February —",  # dashes: an aside, not two turns
    ", originally planned for 24 February,",
])
def test_a_dashed_aside_does_not_cut_the_statement(aside: str) -> None:
    body = (f"Oppo confirmed to us by email that the launch of the Oppo Find X2 {aside} was pushed "
            "back \"to some time in March\".")
    assert _read(body, OPPO, datetime(2020, 2, 15, 9, tzinfo=UTC))[0] is Status.POSTPONED
    # A hedge inside the aside hedges only the aside.
    sentence = ("The invitation shows the date of April 20 – which is Monday, as you are likely "
                "aware – along with the text \"You are invited\".")
    assert [c.modality for c in judge(sentence)] == [None, None]


def test_via_its_own_account_is_on_record() -> None:
    sentences = [
        "Acme has shared an invitation to its event via its Google+ account.",
        "Acme will hold its event on 12 July, via The Verge.",
    ]
    sources = [[c.source for c in judge(s)] for s in sentences]
    assert sources[0] == [Source.OFFICIAL]
    assert sources[1] == [Source.REPORT]


def test_companies_listed_as_examples_are_not_the_subject() -> None:
    # The names in "publishers such as ..." do not take the next sentence's event from Acme.
    body = ("Acme is preparing its launch event. Publishers such as Electronic Arts, Ubisoft "
            "and Capcom will appear on stage. The event will be held in Berlin on 12 July.")
    status, facts = _read(body)
    assert status is Status.REPORTED and (FactKind.DATE, "2026-07-12") in facts
    # A publisher named as the one acting does take it.
    body = ("Acme is preparing its launch event. Electronic Arts cancelled its own showcase, "
            "which was due in Berlin on 12 July.")
    assert _read(body)[0] is not Status.CANCELLED


def test_a_call_off_in_the_air_is_no_account() -> None:
    # A real article (set I): "lancio a rischio" in the headline, "Beijing has canceled major
    # events" in the body. Neither the events at large nor the risk is this launch called off
    # or held: the article weighs a rumour.
    case = next(c for c in load_cases(FIXTURES / "real-news") if c.name.startswith("i15-"))
    report = report_for(case.article, case.watch)
    assert report is not None and report.status is Status.RUMORED


@pytest.mark.parametrize("sentence", [
    # What came since (French, Spanish, German, Italian): the story's background.
    "Depuis que Acme a présenté le Widget, les ventes ont doublé à Berlin.",
    "Desde que Acme presentó el Widget, las ventas se han duplicado.",
    "Seit Acme den Widget vorgestellt hat, sind die Verkäufe gestiegen.",
    # What was done for a while now is a habit, no account of one launch.
    "Desde hace un tiempo Acme ha presentado menos teléfonos en Europa.",
    "For years now Acme has launched its phones in Berlin.",
])
def test_background_and_habits_are_no_happening(sentence: str) -> None:
    assert Predicate.HAPPEN not in [c.predicate for c in judge(sentence)]


def test_the_future_of_the_past_after_telling_is_a_plan() -> None:
    # "announced that it would be launched": what was planned then, not what took place.
    for sentence in ("Acme ha annunciato che il Widget sarebbe stato lanciato a Berlino.",
                     "Acme announced that the Widget would be launched in Berlin."):
        assert Predicate.HAPPEN not in [c.predicate for c in judge(sentence)], sentence

