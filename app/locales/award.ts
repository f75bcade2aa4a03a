/**
 * The award of a request: the buyer's form and the outcome the request page shows.
 * Swedish first; the English strings have exactly the same keys. A page that uses these keys names
 * this catalogue in its route's `handle` (see app/utils/i18n.ts).
 */
const sv = {
  "award.title": "Tilldela ”{request}”",
  "award.intro":
    "Registrera vem som vann, kontraktets värde och avtalsperiod. Förfrågan blir tilldelad, det vinnande gemensamma anbudet vunnet och övriga inlämnade anbud förlorade, och deltagarna får veta det. Uppgifterna publiceras som öppna data.",
  "award.back": "Tillbaka till förfrågan",
  "award.notYet": "Förfrågan kan tilldelas när svarstiden har gått ut, {deadline}.",
  "award.notOpen": "Förfrågan kan inte tilldelas i sin nuvarande status ({status}).",
  "award.winner": "Vinnare",
  "award.winner.bid": "Gemensamt anbud lett av {lead}: {members}",
  "award.winner.bidValue": "Gemensamt anbud lett av {lead}: {members} – anbudets värde {value} exkl. moms",
  "award.winner.response": "{organisation}, som svarade på förfrågan",
  "award.none": "Det finns inga inlämnade anbud eller svar att tilldela.",
  "award.value": "Kontraktets värde, kronor exkl. moms",
  "award.value.hint": "Hela avtalsperioden, t.ex. 1 250 000 eller 1 250 000,50.",
  "award.from": "Kontraktet gäller från",
  "award.to": "Kontraktet gäller till och med",
  "award.submit": "Registrera tilldelningen",
  "award.toast": "Tilldelningen är registrerad.",
  "award.error.refused": "Förfrågan kan inte tilldelas nu: svarstiden har inte gått ut, eller den är redan tilldelad eller avbruten.",
  "award.error.winner": "Välj ett inlämnat gemensamt anbud eller en organisation som har svarat.",
  "award.result": "Tilldelning",
  "award.result.bid": "Tilldelad {date} till det gemensamma anbudet lett av {lead}.",
  "award.result.response": "Tilldelad {date} till {organisation}.",
  "award.result.contract": "Kontraktets värde {value} exkl. moms, avtalsperiod {from}–{to}.",
  "award.result.bidLink": "Se det gemensamma anbudet",
  "award.notify.responseWon": "Din organisation tilldelades ”{request}”",
};

const en: Record<keyof typeof sv, string> = {
  "award.title": "Award “{request}”",
  "award.intro":
    "Record who won, the contract's value and its period. The request becomes awarded, the winning joint bid won and every other submitted bid lost, and their participants are told. The outcome is published as open data.",
  "award.back": "Back to the request",
  "award.notYet": "The request can be awarded once its response deadline has passed, {deadline}.",
  "award.notOpen": "The request cannot be awarded in its current status ({status}).",
  "award.winner": "Winner",
  "award.winner.bid": "Joint bid led by {lead}: {members}",
  "award.winner.bidValue": "Joint bid led by {lead}: {members} – the bid's value {value} excluding VAT",
  "award.winner.response": "{organisation}, which responded to the request",
  "award.none": "There are no submitted bids or responses to award.",
  "award.value": "Contract value, kronor excluding VAT",
  "award.value.hint": "The whole contract period, e.g. 1 250 000 or 1 250 000.50.",
  "award.from": "Contract starts on",
  "award.to": "Contract ends on (inclusive)",
  "award.submit": "Record the award",
  "award.toast": "The award is recorded.",
  "award.error.refused": "The request cannot be awarded now: its deadline has not passed, or it is already awarded or cancelled.",
  "award.error.winner": "Choose a submitted joint bid or an organisation that responded.",
  "award.result": "Award",
  "award.result.bid": "Awarded on {date} to the joint bid led by {lead}.",
  "award.result.response": "Awarded on {date} to {organisation}.",
  "award.result.contract": "Contract value {value} excluding VAT, contract period {from}–{to}.",
  "award.result.bidLink": "See the joint bid",
  "award.notify.responseWon": "Your organisation was awarded “{request}”",
};

export const awardMessages = { name: "award", sv, en } as const;
