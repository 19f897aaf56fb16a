"""Ten short news texts written for these tests, and writers that turn one into .txt, .docx and .pdf files.

The .docx has a Heading 1 title and a running header and footer (in their own parts of the file); the .pdf
is set on small pages (80 x 90 mm), so every story runs over two or more pages, under a running head and a "Page N of M"
foot that the reader must drop. Texts stay within Latin-1: fpdf2's core fonts have no other characters.
"""
from __future__ import annotations

from pathlib import Path

NEWS = [
    ("Harbour ferry suspended after storm damage",
     ["The harbour ferry service between Northport and Kell Island was suspended on Tuesday after a storm "
      "damaged the main landing stage.",
      "The operator, Island Lines, said about 1,200 passengers a day use the route. Repairs are expected to "
      "take three weeks, according to the port authority.",
      "A replacement bus service will run from the mainland terminal, a spokesperson said."]),
    ("City council approves new cycle lanes",
     ["Riverton city council approved a plan on Monday to build 14 kilometres of protected cycle lanes.",
      "The project will cost £8.5 million and is funded by a regional transport grant. Work is due to start "
      "in March and finish by the end of next year.",
      "Councillor Ana Ruiz, who chairs the transport committee, said the lanes would connect the university "
      "with the city centre."]),
    ("Museum returns bronze statue to Greece",
     ["The Hallam Museum has returned a bronze statue of a young athlete to Greece after a review of its "
      "provenance.",
      "The statue, which dates from the fourth century BC, was bought by the museum in 1962. Greek officials "
      "said it had been taken illegally from a site near Olympia.",
      "The museum's director said the decision was taken unanimously by its trustees."]),
    ("Drought cuts wheat harvest by a fifth",
     ["This year's wheat harvest fell by about 20 per cent because of a long summer drought, the national "
      "farmers' union said on Thursday.",
      "Farmers in the eastern provinces were hit hardest. Some reported yields of less than three tonnes per "
      "hectare, compared with a usual seven.",
      "The agriculture ministry said it would pay compensation to about 4,000 farms."]),
    ("Train drivers vote to strike over pay",
     ["Train drivers at Western Rail have voted to strike for two days next month in a dispute over pay.",
      "The drivers' union said 87 per cent of its members who voted backed the action, on a turnout of 71 per "
      "cent. The company had offered a rise of 4 per cent.",
      "Western Rail said it was disappointed and urged the union to return to talks."]),
    ("Scientists find new species of frog in cloud forest",
     ["Biologists have discovered a new species of tree frog in the cloud forests of southern Ecuador.",
      "The frog, which is about two centimetres long, was named Pristimantis nubila. It was found during a "
      "survey led by the University of Cuenca in 2023.",
      "The researchers said the species is already threatened by logging in the area."]),
    ("Local bakery wins national bread award",
     ["A family bakery in the town of Ashby has won the national award for the best sourdough loaf.",
      "The Miller Bakery was founded in 1948 by Rose Miller, whose grandson now runs it with six staff. The "
      "winning loaf is made with a starter that is more than 70 years old.",
      "The judges tasted 312 entries from across the country."]),
    ("Airport passenger numbers recover",
     ["Passenger numbers at Eastfield Airport reached 9.4 million last year, close to the record set before "
      "the pandemic.",
      "The airport said new routes to Lisbon, Krakow and Tunis had been the most popular. Its well-known "
      "terminal extension opened in May.",
      "The airport employs about 2,300 people directly."]),
    ("Hospital opens new cancer treatment centre",
     ["St Brendan's Hospital opened a new cancer treatment centre on Friday, with two radiotherapy machines "
      "and 40 beds.",
      "The centre cost £62 million and was paid for by the health ministry and a local charity. It will treat "
      "about 3,000 patients a year.",
      "The hospital's chief executive, Dr Helen Okafor, said waiting times would fall by half."]),
    ("Election turnout lowest in 30 years",
     ["Turnout in Sunday's regional election was 48 per cent, the lowest in 30 years, the electoral "
      "commission said.",
      "The Green Party won 11 of the 60 seats, up from five. The governing Liberal Party remained the largest "
      "party with 24 seats.",
      "Analysts said heavy rain in the north may have kept some voters at home."]),
]


def write_txt(path: Path, title: str, paragraphs: list[str]) -> Path:
    path.write_text("\n\n".join([title, *paragraphs]) + "\n", encoding="utf-8")
    return path


def write_docx(path: Path, title: str, paragraphs: list[str]) -> Path:
    import docx

    d = docx.Document()
    d.add_heading(title, level=1)
    for p in paragraphs:
        d.add_paragraph(p)
    section = d.sections[0]
    section.header.paragraphs[0].text = "The Northport Gazette"
    section.footer.paragraphs[0].text = "Page 1"
    d.save(str(path))
    return path


def make_pdf(title: str, paragraphs: list[str], fmt=(80, 90), head: str = "The Northport Gazette"):
    """An fpdf2 document: bold title, paragraphs with a gap between them, a running head and foot."""
    from fpdf import FPDF

    pdf = FPDF(format=fmt)
    pdf.set_auto_page_break(True, margin=14)

    def header():
        pdf.set_font("Helvetica", size=7)
        pdf.cell(0, 5, head, align="C")
        pdf.ln(8)

    def footer():
        pdf.set_y(-11)
        pdf.set_font("Helvetica", size=7)
        pdf.cell(0, 5, f"Page {pdf.page_no()} of {{nb}}", align="C")

    pdf.header, pdf.footer = header, footer
    pdf.alias_nb_pages()
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 12)
    pdf.multi_cell(0, 6, title)
    pdf.ln(3)
    pdf.set_font("Helvetica", size=10)
    for p in paragraphs:
        pdf.multi_cell(0, 5, p)
        pdf.ln(2.5)
    return pdf


def write_pdf(path: Path, title: str, paragraphs: list[str], **kw) -> Path:
    make_pdf(title, paragraphs, **kw).output(str(path))
    return path
