"""The whole way from ``seed_demo``, the coordinator's «Generér PDF» gives the spring 2023
note with the seed note's headings and the demo's key facts; the .docx holds the same headings."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from trivsel.statusnote import services
from trivsel.statusnote.models import DocumentStatus, NoteDocument
from trivsel.statusnote.rendering import fill_document

from .conftest import pdf_text

pytestmark = pytest.mark.django_db

HEADINGS = [
    "Statusnotat Sundhed og Trivsel",
    "Forår 2023",
    "Netværket Sundhed & Trivsel",
    "Temadag",
    "Praksisnær understøttelse",
    "Trivselsfremmende aktiviteter i Åben Skole-regi",
    "Headspace",
    "Sorggrupper",
    "Kapacitetsopbygning og kompetenceudvikling",
    "Konference",
    "Efteruddannelse af skolepædagoger",
]


def generate_pdf(client, note, django_capture_on_commit_callbacks) -> NoteDocument:
    """What the coordinator's button does: POST, the task runs on commit (eagerly in tests)."""
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("statusnote:document_create", args=[note.pk]),
            {"format": "pdf"},
            headers={"HX-Request": "true"},
        )
    assert response.status_code == 200
    return NoteDocument.objects.get(note=note)


# The seed note (../shared/seeds/statusnotat-sundhed-og-trivsel.txt), written in mid-April 2023,
# sentence by sentence: what the note as of 14 April 2023 must say — every fact, in its tense, with
# the seed's nuances (»unik mulighed«, »endnu en gang«, »imidlertid«, »introducere til arbejdet med
# Compassionate Systems«, »ansatte fra institutionerne«, »et relevant årgangstrin«) and the example
# in its author's present tense, where the seed has it.
SEED_AS_OF_14_APRIL = [
    # the introduction
    "Der gives hermed den halvårlige status på Skoleområdets arbejde med Sundhed & Trivsel.",
    "netværk og konsulenter arbejder med praksisnære tiltag",
    # Søvn
    "Initieret af netværket har alle seks skoler i indeværende skoleår på forskellig vis "
    "afprøvet, hvordan fokus på søvn og digital adfærd blandt de ældste elever kan gavne den "
    "mentale sundhed hos den enkelte elev samt den generelle trivsel i klassen.",
    "Fire af de seks skoler har evalueret deres prøvehandlinger og ønsker på baggrund af positive "
    "erfaringer på forskellig vis at fortsætte dette fokus.",
    "De to øvrige skoler er ved at gøre erfaringerne op.",
    # Temadag: being prepared, with its purpose and the leadership teams' working time
    "Netværket er i færd med at forberede en temadag den 27. april 2023 på Rødovre Rådhus for "
    "skoleledelserne",
    "Temadagen vil byde på præsentationer af forskellige prøvehandlinger til fremme af mental "
    "sundhed og trivsel med det formål at videndele på tværs af skolernes ledelser",
    "koncentreret arbejdstid i de enkelte skolers ledelsesteam",
    # Praksisnær understøttelse: what they do, since when, the example, the rounding off
    "De to trivsels- og udviklingskonsulenter er kommet godt fra start i den praksisnære "
    "funktion, der skal medvirke til at skabe initiativer, der kan fremme børn og unges "
    "sundhed, trivsel og læring i skolerne.",
    "ved observationer, vejledning og sparring, facilitering af trivselsforløb i klasserne og "
    "deltagelse i skolernes pædagogiske indsatsteams (PIT).",
    "Siden konsulenterne startede den 17. januar 2023, har de gennemført",
    "Et konkret eksempel på, hvor konsulenterne har kunnet understøtte personalet, er i "
    "indskolingsklasserne på en skole, hvor personalet oplever, at det bøvler.",
    "På skolen vil man gerne arbejde med, hvordan skoledagene kan indrettes anderledes",
    "stod det klart, at drengene har det sværest med den traditionelle undervisning.",
    "De har svært ved at sidde stille ret længe ad gangen, og de har svært ved at bevare "
    "koncentrationen.",
    "Med input fra skolefysioterapeuten tilrettelagde konsulenterne sammen med klasseteamet en "
    "mere varieret skoledag med fokus på bevægelse.",
    "to-voksenordningen",
    "Det er en stor styrke ved det praksisnære arbejde, at konsulenterne kommer rundt på tværs "
    "af skoler og klasser. På den måde kan de bidrage til erfaringsudveksling på tværs i forhold "
    "til, hvordan konkrete situationer og udfordringer kan gribes an.",
    # Åben Skole: from the next school year, with the actors of the surrounding community
    "Ud over de prøvehandlinger, som er beskrevet ovenfor, og som løbende afprøves i dette "
    "skoleår, vil der fremadrettet også arbejdes med nye aktiviteter og tilgange",
    "administreres fra næste skoleår (2023/24) af netværket Sundhed & Trivsel.",
    "Der er afsat 250.000 kr. til formålet.",
    "Midlerne håndteres fortsat ind i Åben Skole-konceptet med inspiration fra og samarbejde "
    "med aktører i det omgivende samfund. Fremadrettet",
    "Fremadrettet arbejdes der imidlertid med midlerne på en anden og mere praksisnær måde",
    "medejerskab og kapacitetsopbygning blandt det pædagogiske personale",
    # Headspace: the youth counsellors, from the coming school year, a grade still to choose
    "Et eksempel på et praksisnært samarbejde med en ekstern aktør",
    "Headspace og deres ungerådgivere har stor indsigt i, hvad der sker i et ungdomsliv",
    "Der er derfor indledt et samarbejde, hvor Headspace fra det kommende skoleår (2023/24) "
    "indgår som et element i Åben Skole-programmet.",
    "Dermed sikres, at alle klasser på et relevant årgangstrin får oplæg om trivsel og mental "
    "sundhedsfremme samt præsentation af det lokale Headspace i Rødovre.",
    # Sorggrupper: the grant, once again discussed, the autumn course, then groups and scaling
    "har søgt og modtaget en bevilling på 60.000 kr. fra TrygFonden til at dække "
    "kursusafgiften til Kræftens Bekæmpelses sorggruppelederuddannelse.",
    "Etablering af sorggrupper på skolerne er derfor endnu en gang drøftet og afdækket med det "
    "resultat, at der afvikles sorggruppelederkursus i efteråret 2023.",
    "Kurset vil fungere som et kompetenceforløb for udvalgte medarbejdere fra alle skoler. "
    "Kurset består af fire kursusgange i perioden 12. september–21. november 2023. Når kurset "
    "er afsluttet, vil udvalgte skoler igangsætte arbejdet med etablering af sorggrupper med "
    "henblik på en vurdering af behov, udbytte og driftsomkostninger i forbindelse med en "
    "eventuel skalering.",
    # Konference: the unique chance, MIT's role, compassion, 100 registered from where, pupils
    "Skoleområdet har fået en unik mulighed for at arrangere og udbyde »Du og jeg, en verden i "
    "Rødovre – en konference om trivsel, fællesskaber og forandringer«.",
    "Konferencen byder på tre spændende og lærerige uddannelsesdage",
    "Konferencen holdes 5.–7. marts 2024 på Rødovre Rådhus.",
    "Ledende kræfter i Center for Systems Awareness – et fakultet ved det velrenommerede "
    "amerikanske universitet Massachusetts Institute of Technology (MIT) – kommer til Rødovre "
    "for at facilitere konferencen og introducere til arbejdet med Compassionate Systems som en "
    "metode",
    "Californien, Jakarta og British Columbia",
    "Compassion handler bl.a. om at være åben over for egne og andres måder at være i verden på",
    "Konferencen har 100 tilmeldte deltagere fra Børne- og Kulturforvaltningen og Teknisk "
    "Forvaltning samt fra BUPL og Rødovre Lærerforening (tabel 1). Fra Børne- og "
    "Kulturforvaltningen deltager ansatte fra institutionerne i Skoleområdet (herunder SFO og "
    "klub), Dagtilbudsområdet og Kultur- og Fritidsområdet samt fra Børne- og "
    "Familieafdelingen (herunder Skiftesporet).",
    "Endvidere er der inviteret børn og unge fra skolerne.",
    "glæder os til at samarbejde tæt med børnene og de unge på konferencedagene.",
    # Efteruddannelse af skolepædagoger: SFO og klub, going on now, Bloom Institute
    "I SFO og klub er der mulighed for på en anden måde end i skoletiden at træne kreativitet, "
    "handlekraft og selvstændighed",
    "Én skolepædagog fra hver af de seks skoler deltager i en særligt tilrettelagt "
    "efteruddannelse fra 22. marts til 14. juni 2023.",
    "Deltagerne får konkrete værktøjer til at stå stærkere som menneske",
    "Efteruddannelsen faciliteres af Bloom Institute, der har gode erfaringer med, hvordan "
    "arbejdet med kreative processer kan styrke både børns og voksnes sundhed og trivsel.",
]
# what had not happened by 14 April 2023 and so may not be stated — and what no note may say
NOT_YET_ON_14_APRIL = [
    "afholdt den 27. april",  # the theme day
    "På dagen lagde",  # its roll-out plans
    "Gennemført",  # the grief course's completions
    "har gennemført kurset",
    "sorggruppe er startet",
    "sorggrupper er startet",
    "har allerede bestilt",  # the Headspace bookings came in September
    "8. årgang",  # the grade was chosen in June
    "er bevilget",  # Åben Skole money was decided in September
    "Elever fra skolerne",  # the pupils signed up in January 2024
    "af dem i tilpasset form",  # the two schools that adjust evaluated in May and June
    # the example in its author's tense, once, where the seed has it
    "oplevede personalet",
    "beskrevet nedenfor",
    # the seams the third round mended
    "i første omgang Headspace",
    "Undervisningen ligger på",
    "til skoleåret 2023/24.",
    "(med SFO og klub)",
    "I evalueringerne vurderer",
    "De sidste to skoler",
    "12 møder",
    "pædagogiske indsatsteams på alle seks skoler",
    # the stitching the first round had
    "Flere af skolerne – fire af de seks –",
    "har evalueret;",
    "i første år",
    "– i perioden på",
    "i slutningen af april for skoleledelserne på alle seks skoler (",
    "forløbsgang",
    # no tables that say what a sentence says, no internal words in the head
    "Skoleåret 2022/23 i tal",
    "Skolernes beslutning",
    "Prøvehandlinger pr. tema",
    "Headspace-oplæg: dækning",
    "opgjort pr.",
    "Dato Udkast",
    "version 2",
    # Danish typography
    "×",
    "—",
    "Åben Skole regi",
]


def test_the_spring_2023_note_as_of_14_april_reads_as_the_seed_rewritten_from_data(
    spring_2023, coordinator, client_for, django_capture_on_commit_callbacks
):
    note = services.note_create_draft(
        period=spring_2023, as_of=date(2023, 4, 14), created_by=coordinator
    )
    document = generate_pdf(client_for(coordinator), note, django_capture_on_commit_callbacks)
    assert document.status == DocumentStatus.DONE and document.file
    assert document.created_by == coordinator and document.finished_at is not None
    with document.file.open("rb") as f:
        text = pdf_text(f.read())
    for heading in HEADINGS:
        assert heading in text, heading
    missing = [phrase for phrase in SEED_AS_OF_14_APRIL if phrase not in text]
    assert not missing, missing
    stated = [phrase for phrase in NOT_YET_ON_14_APRIL if phrase in text]
    assert not stated, stated
    # Danish quotation marks: »…«, never «…»
    assert "»Du og jeg" in text and not re.search(r"«\w|\w[.]?»", text)


def test_the_spring_2023_note_as_of_30_june_tells_what_happened_since(spring_2023):
    note = services.note_create_draft(period=spring_2023, as_of=date(2023, 6, 30))
    document = fill_document(services.document_request(note=note, fmt="pdf", enqueue=False).pk)
    with document.file.open("rb") as f:
        text = pdf_text(f.read())
    assert "Netværket afholdt den 27. april 2023 en temadag på Rødovre Rådhus" in text
    assert "På dagen lagde fem af de seks skoler en plan" in text
    assert "Pr. 30. juni 2023 er ingen af planerne påbegyndt endnu." in text
    assert "Alle skolerne har evalueret deres prøvehandlinger og ønsker på baggrund af" in text
    assert "to af dem i tilpasset form" in text
    assert "Tolv udvalgte medarbejdere fra alle seks skoler har fået plads" in text
    assert "alle klasser på 8. årgang får oplæg" in text  # the grade was chosen in June
    assert "Én skolepædagog fra hver af de seks skoler deltog i en særligt tilrettelagt" in text
    assert "er i færd med at forberede" not in text


def test_the_pdf_is_tagged_danish_and_titled(spring_2023):
    note = services.note_create_draft(period=spring_2023)
    document = fill_document(services.document_request(note=note, fmt="pdf", enqueue=False).pk)
    with document.file.open("rb") as f:
        reader = PdfReader(io.BytesIO(f.read()))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "da"
    assert "/StructTreeRoot" in root  # tagged (PDF/UA-1)
    assert reader.metadata.title == "Statusnotat Sundhed og Trivsel — Forår 2023"
    fonts = {
        str(font["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert any("DejaVu" in name for name in fonts)  # embedded subsets of the machine's font


def test_the_word_document_opens_and_has_the_headings(spring_2023, coordinator):
    note = services.note_create_draft(period=spring_2023, created_by=coordinator)
    document = fill_document(
        services.document_request(note=note, fmt="docx", created_by=coordinator, enqueue=False).pk
    )
    assert document.status == DocumentStatus.DONE
    with document.file.open("rb") as f:
        word = Document(io.BytesIO(f.read()))
    headings = [p.text for p in word.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    for heading in HEADINGS:
        if heading != "Forår 2023":
            assert heading in headings, heading
    assert word.core_properties.title == "Statusnotat Sundhed og Trivsel — Forår 2023"
    assert "sorggruppelederkursus i efteråret 2023" in " ".join(p.text for p in word.paragraphs)
