/* guide.c - /guide: how to read the results and how to run the dialogue
 * session, for coordinators, in Dutch and English. */
#include "web/pages/pages.h"

struct para {
	const char *nl, *en;
};

struct section {
	const char *id;
	struct para heading;
	struct para paras[6];
};

static const struct section sections[] = {
	{"measures",
	 {"Wat de vragenlijst meet", "What the questionnaire measures"},
	 {{"De vragenlijst volgt het model Lerend en onderzoekend samenwerken in professionele "
	   "werkplaatsen (LOS in PW). Het model noemt zes werkzame elementen: samen leren en onderzoeken "
	   "(LOS), samen richten en inrichten (SRI), een grensoverstijgende en ontwikkelingsgerichte "
	   "cultuur (GOC), relaties vormgeven en onderhouden (VOR), leiderschap en autonomie (LEA) en "
	   "mensen en middelen vrijmaken (VMM). De elementen beïnvloeden elkaar: het is geen checklist.",
	   "The questionnaire follows the model Learning and researching together in professional "
	   "workplaces (LOS in PW). The model names six working elements: learning and researching "
	   "together (LOS), jointly directing and arranging (SRI), a boundary-crossing, "
	   "development-oriented culture (GOC), shaping and maintaining relationships (VOR), "
	   "leadership and autonomy (LEA) and freeing up people and resources (VMM). The elements "
	   "influence each other: it is not a checklist."},
	  {"Iedereen geeft per stelling aan hoe eens hij het ermee is, van 1 (helemaal oneens) tot 5 "
	   "(helemaal eens). ‘Weet ik niet’ telt niet mee als getal.",
	   "Everyone says how much they agree with each statement, from 1 (strongly disagree) to 5 "
	   "(strongly agree). ‘Don't know’ does not count as a number."}}},
	{"reading",
	 {"De resultaten lezen", "Reading the results"},
	 {{"De score van een element weegt elk perspectief even zwaar: studenten, professionals, "
	   "docenten, onderzoekers, burgers of cliënten en leidinggevenden zijn gelijkwaardige "
	   "partners. Daarnaast staat het gemiddelde van alle respondenten, waarin grote groepen "
	   "zwaarder tellen.",
	   "The score of an element weighs each perspective equally: students, professionals, "
	   "teachers, researchers, citizens or clients and managers are equal partners. Beside it is "
	   "the mean of all respondents, in which large groups count more."},
	  {"4,0 en hoger is een sterk punt, 3,0 tot 3,9 is iets om te bespreken, onder de 3,0 vraagt "
	   "aandacht. Verschillen de perspectieven 1,0 of meer, dan staat er ‘perspectieven "
	   "verschillen’: juist daar valt in de dialoog veel te leren.",
	   "4.0 and higher is a strength, 3.0 to 3.9 is something to discuss, below 3.0 needs "
	   "attention. When perspectives differ by 1.0 or more, the page says ‘perspectives differ’: "
	   "that is where the dialogue can teach you most."},
	  {"Bij ontwikkeling zie je per element of de verandering sinds de vorige meting duidelijk "
	   "hoger, duidelijk lager of onduidelijk is. Onduidelijk betekent: het verschil kan toeval "
	   "zijn.",
	   "Under development you see for each element whether the change since the previous round "
	   "is clearly up, clearly down or unclear. Unclear means: the difference may be chance."}}},
	{"anonymity",
	 {"Anonimiteit: wat te zien is en wat blijft", "Anonymity: what can be seen and what remains"},
	 {{"Groepen met minder mensen dan de drempel van de meting (meestal 5) worden niet apart "
	   "getoond. Ze worden samengevoegd onder ‘Overig’ als die groep groot genoeg is, en anders "
	   "weggelaten. Soms wordt daarom ook een iets grotere groep verborgen: anders zou je de "
	   "kleine groep kunnen uitrekenen. Onder de drempel in totaal wordt niets getoond.",
	   "Groups with fewer people than the round's threshold (usually 5) are not shown "
	   "separately. They are pooled under ‘Other’ when that group is large enough, and left out "
	   "otherwise. Sometimes a slightly larger group is hidden too, because otherwise the small "
	   "group could be worked out. Below the threshold in total nothing is shown."},
	  {"Elke regel van de resultaten heeft dezelfde kolommen. Een cel met te weinig mensen blijft "
	   "leeg, en dan ook ‘iedereen’ in die regel, want dat min de andere cellen zou de kleine "
	   "groep zijn. Kregen de groepen onder ‘Overig’ niet dezelfde stellingen, dan tonen we hun "
	   "elementscore niet (–*).",
	   "Every row of the results has the same columns. A cell with too few people stays empty, "
	   "and so does ‘everyone’ in that row, because that minus the other cells would be the small "
	   "group. When the groups under ‘Other’ were not asked the same statements, their element "
	   "score is not shown (–*)."},
	  {"De resultaten verschijnen pas als de meetronde sluit, en veranderen daarna niet meer. "
	   "Zo kan niemand voor en na één inzending kijken en het verschil uitrekenen. Een ronde "
	   "waarvan de resultaten getoond zijn, gaat niet meer open; maak dan een nieuwe ronde.",
	   "The results appear only when the round closes, and do not change after that. So nobody "
	   "can look before and after one submission and work out the difference. A round whose "
	   "results were shown does not open again; create a new round instead."},
	  {"Opmerkingen hebben een strengere drempel: standaard twee mensen meer dan bij de cijfers. "
	   "Een opmerking kan iemand toch verraden door wat erin staat; vraag mensen geen namen te "
	   "noemen.",
	   "Comments have a stricter threshold: by default two people more than for the figures. A "
	   "comment can still give someone away by what it says; ask people not to write names."},
	  {"Wat blijft: de open link (de QR-code op de poster) kan iedereen gebruiken. Wie vóór het "
	   "sluiten geduldig verzonnen vragenlijsten toevoegt tot een groep de drempel haalt, kan "
	   "lezen wat de ene echte persoon in die groep antwoordde. werkplaats beperkt hoe snel dat "
	   "kan en laat de coördinator de activiteit van de open link zien. Is dit een zorg, gebruik "
	   "dan alleen persoonlijke uitnodigingen.",
	   "What remains: anyone can use the open link (the QR code on the poster). Someone who "
	   "patiently adds made-up questionnaires before the close until a group reaches the "
	   "threshold can read what the one real person in that group answered. werkplaats limits "
	   "how fast that can go and shows the coordinator the open link's activity. If this is a "
	   "worry, use personal invitations only."},
	  {"Een export bevat losse vragenlijsten, zonder namen, tijden of volgorde, met kleine "
	   "groepen als ‘other’. Wie weet hoe een collega een aantal stellingen beantwoordde, kan "
	   "diens regel misschien herkennen: geef exports alleen aan wie ze nodig heeft.",
	   "An export holds single questionnaires, without names, times or order, with small "
	   "groups as ‘other’. Whoever knows how a colleague answered several statements may "
	   "recognise their row: give exports only to those who need them."}}},
	{"dialogue",
	 {"De dialoogsessie", "The dialogue session"},
	 {{"Nodig mensen uit alle perspectieven uit, ook burgers of cliënten. Plan anderhalf uur. Druk "
	   "de dialoogagenda af: die begint bij de elementen waar de perspectieven het meest "
	   "verschillen, en noemt de sterkste en zwakste elementen.",
	   "Invite people from all perspectives, citizens or clients too. Plan an hour and a half. "
	   "Print the dialogue agenda: it starts with the elements where perspectives differ most, "
	   "and names the strongest and weakest elements."},
	  {"Begin met wat goed gaat. Vraag bij een verschil niet wie gelijk heeft, maar wat iedereen "
	   "ziet en meemaakt. Gebruik de vragen op de agenda en de opmerkingen die mensen schreven.",
	   "Start with what goes well. For a difference, do not ask who is right, but what everyone "
	   "sees and experiences. Use the questions on the agenda and the comments people wrote."},
	  {"Sluit af met twee of drie concrete afspraken: wat, wie, wanneer, bij welk element. Leg ze "
	   "daarna vast onder ‘Afspraken vastleggen’ op de agenda; ze worden verbeteracties die bij de "
	   "volgende meting naast hun element staan.",
	   "End with two or three concrete agreements: what, who, when, for which element. Then "
	   "record them under ‘Record the agreements’ on the agenda; they become improvement actions "
	   "that appear next to their element at the next round."}}},
};

void page_guide(req *r)
{
	page_begin(r, tr(r, "Handleiding", "Guide"));
	html(&r->out, "<div class=\"narrow prose\"><h1>%s</h1>",
	     tr(r, "Handleiding voor coördinatoren", "Guide for coordinators"));
	for (size_t s = 0; s < sizeof sections / sizeof sections[0]; s++) {
		const struct section *sec = &sections[s];
		html(&r->out, "<h2 id=\"%s\">%s</h2>", sec->id, r->english ? sec->heading.en : sec->heading.nl);
		for (int p = 0; p < 6 && sec->paras[p].nl; p++)
			html(&r->out, "<p>%s</p>", r->english ? sec->paras[p].en : sec->paras[p].nl);
	}
	html(&r->out, "</div>");
	page_end(r);
}
