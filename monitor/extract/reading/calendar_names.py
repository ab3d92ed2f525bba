"""Month and weekday names of the languages the reader reads, from CLDR via babel.

Written by tools/make_calendar_names.py; do not edit by hand. Lower case: matched
without regard to case (English names are kept apart, capitalised, in dates.py)."""

MONTHS: dict[int, tuple[str, ...]] = {
    1: (
        'de gener', 'enero', 'gener', 'gennaio', 'ianuarie', 'janeiro', 'januar', 'januari',
        'janvier', 'leden', 'ledna', 'styczen', 'styczeń', 'stycznia',
    ),
    2: (
        'de febrer', 'febbraio', 'febrer', 'febrero', 'februar', 'februari', 'februarie',
        'fevereiro', 'fevrier', 'février', 'lutego', 'luty', 'unor', 'unora', 'únor', 'února',
    ),
    3: (
        'brezen', 'brezna', 'březen', 'března', 'de marc', 'de març', 'maart', 'marc', 'marca',
        'marco', 'mars', 'martie', 'marts', 'marz', 'marzec', 'marzo', 'març', 'março', 'märz',
    ),
    4: (
        'abril', 'april', 'aprile', 'aprilie', 'avril', 'duben', 'dubna', 'd’abril', 'kwiecien',
        'kwiecień', 'kwietnia',
    ),
    5: (
        'de maig', 'kveten', 'kvetna', 'květen', 'května', 'maggio', 'mai', 'maig', 'maio',
        'maj', 'maja', 'mayo', 'mei',
    ),
    6: (
        'cerven', 'cervna', 'czerwca', 'czerwiec', 'de juny', 'giugno', 'iunie', 'juin',
        'junho', 'juni', 'junio', 'juny', 'červen', 'června',
    ),
    7: (
        'cervence', 'cervenec', 'de juliol', 'iulie', 'juillet', 'julho', 'juli', 'julio',
        'juliol', 'lipca', 'lipiec', 'luglio', 'července', 'červenec',
    ),
    8: (
        'agost', 'agosto', 'aout', 'août', 'august', 'augusti', 'augustus', 'd’agost',
        'sierpien', 'sierpień', 'sierpnia', 'srpen', 'srpna',
    ),
    9: (
        'de setembre', 'september', 'septembre', 'septembrie', 'septiembre', 'setembre',
        'setembro', 'settembre', 'wrzesien', 'wrzesień', 'wrzesnia', 'września', 'zari', 'září',
    ),
    10: (
        'd’octubre', 'octobre', 'octombrie', 'octubre', 'oktober', 'ottobre', 'outubro',
        'pazdziernik', 'pazdziernika', 'październik', 'października', 'rijen', 'rijna', 'říjen',
        'října',
    ),
    11: (
        'de novembre', 'listopad', 'listopada', 'listopadu', 'noiembrie', 'november',
        'novembre', 'novembro', 'noviembre',
    ),
    12: (
        'de desembre', 'december', 'decembre', 'decembrie', 'desember', 'desembre', 'dezember',
        'dezembro', 'dicembre', 'diciembre', 'décembre', 'grudnia', 'grudzien', 'grudzień',
        'prosince', 'prosinec',
    ),
}

WEEKDAYS: dict[int, tuple[str, ...]] = {
    0: (
        'dilluns', 'lundi', 'lunedi', 'lunedì', 'lunes', 'luni', 'maandag', 'mandag', 'montag',
        'måndag', 'pondeli', 'pondělí', 'poniedziałek', 'segunda-feira',
    ),
    1: (
        'dienstag', 'dimarts', 'dinsdag', 'mardi', 'martedi', 'martedì', 'martes', 'marti',
        'marți', 'terca-feira', 'terça-feira', 'tirsdag', 'tisdag', 'utery', 'wtorek', 'úterý',
    ),
    2: (
        'dimecres', 'mercoledi', 'mercoledì', 'mercredi', 'miercoles', 'miercuri', 'mittwoch',
        'miércoles', 'onsdag', 'quarta-feira', 'sroda', 'streda', 'středa', 'woensdag', 'środa',
    ),
    3: (
        'ctvrtek', 'czwartek', 'dijous', 'donderdag', 'donnerstag', 'giovedi', 'giovedì',
        'jeudi', 'joi', 'jueves', 'quinta-feira', 'torsdag', 'čtvrtek',
    ),
    4: (
        'divendres', 'fredag', 'freitag', 'patek', 'piatek', 'piątek', 'pátek', 'sexta-feira',
        'vendredi', 'venerdi', 'venerdì', 'viernes', 'vineri', 'vrijdag',
    ),
    5: (
        'dissabte', 'lordag', 'lördag', 'lørdag', 'sabado', 'sabato', 'sambata', 'samedi',
        'samstag', 'sobota', 'sábado', 'sâmbătă', 'zaterdag',
    ),
    6: (
        'dimanche', 'diumenge', 'domenica', 'domingo', 'duminica', 'duminică', 'nedele',
        'neděle', 'niedziela', 'sondag', 'sonntag', 'söndag', 'søndag', 'zondag',
    ),
}
