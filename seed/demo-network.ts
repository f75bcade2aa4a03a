import type { OrganisationKind } from "../app/domain/organisation";
import type { CapacityLineInput, OfferingInput } from "../app/models/offering.server";

/**
 * The real network named in Lund municipality's annual report 2023 ("Socialt hållbart näringsliv
 * och arbetsmarknad"). Names and kinds follow the report; organisation numbers, descriptions,
 * offerings, workforce shares and capacity figures are invented examples and marked as such.
 */
export interface DemoOrganisation {
  name: string;
  /** First nine digits; the Luhn check digit is computed. Group digit gives the legal form. */
  orgNumberStem: string;
  kind: OrganisationKind;
  description: string;
  serviceAreas: string[];
  targetGroups: string;
  workforceShare: number | null;
  contactEmail: string;
  verified: boolean;
  offerings: (OfferingInput & { capacity: CapacityLineInput[] })[];
}

const term = { validFrom: "2026-01-12", validTo: "2026-12-18" };
const monThu = [1, 2, 3, 4];
const monFri = [1, 2, 3, 4, 5];

export const demoOrganisations: DemoOrganisation[] = [
  {
    name: "Fontänhuset Lund",
    orgNumberStem: "802400123",
    kind: "social_organisation",
    description:
      "Klubbhus för människor med erfarenhet av psykisk ohälsa. Medlemmarna driver kök, café och kontor tillsammans med handledare och lagar lunch varje vardag.",
    serviceAreas: ["Lund", "Lomma"],
    targetGroups: "personer med psykisk ohälsa, långtidssjukskrivna",
    workforceShare: 80,
    contactEmail: "kontakt@fontanhuset-lund.example.org",
    verified: true,
    offerings: [
      {
        title: "Sallader och lunchcatering",
        description: "Färska sallader och lunchlådor lagade i klubbhusets kök, levererade med lastcykel inom Lund.",
        cpvCode: "55520000-1",
        unit: "portions",
        capacity: [{ quantity: 40, period: "weekday", weekdays: monThu, ...term, sites: ["Stadshuset", "Kristallen"] }],
      },
      {
        title: "Fika och kafé vid möten",
        description: "Kaffe, bullar och smörgåsar till möten och konferenser.",
        cpvCode: "55330000-2",
        unit: "portions",
        capacity: [{ quantity: 150, period: "week", weekdays: [], validFrom: null, validTo: null, sites: [] }],
      },
    ],
  },
  {
    name: "EosCares",
    orgNumberStem: "802511234",
    kind: "social_organisation",
    description: "Ideell organisation som genom matlagning och gemenskap ger arbetsträning åt kvinnor som står långt från arbetsmarknaden.",
    serviceAreas: ["Lund", "Malmö"],
    targetGroups: "utrikesfödda kvinnor, långtidsarbetslösa",
    workforceShare: 55,
    contactEmail: "hej@eoscares.example.org",
    verified: true,
    offerings: [
      {
        title: "Sallader till skolor och förskolor",
        description: "Vegetariska sallader och matlådor tillagade enligt kommunens kostpolicy.",
        cpvCode: "15894200-3",
        unit: "portions",
        capacity: [{ quantity: 80, period: "weekday", weekdays: monFri, ...term, sites: ["Linero", "Norra Fäladen", "Klostergården"] }],
      },
    ],
  },
  {
    name: "Iris Kraft",
    orgNumberStem: "559123456",
    kind: "work_integrating",
    description: "Arbetsintegrerande socialt företag inom städning, lokalvård och trädgårdsskötsel.",
    serviceAreas: ["Lund", "Eslöv", "Kävlinge"],
    targetGroups: "långtidsarbetslösa, personer med funktionsnedsättning",
    workforceShare: 60,
    contactEmail: "info@iriskraft.example.org",
    verified: true,
    offerings: [
      {
        title: "Städning av kontor och lokaler",
        description: "Regelbunden lokalvård och storstädning.",
        cpvCode: "90919200-4",
        unit: "hours",
        capacity: [{ quantity: 120, period: "week", weekdays: [], validFrom: null, validTo: null, sites: ["Lund", "Eslöv"] }],
      },
      {
        title: "Trädgårdsskötsel och grönytor",
        description: "Gräsklippning, rabatter och häckklippning under växtsäsongen.",
        cpvCode: "77310000-6",
        unit: "hours",
        capacity: [{ quantity: 60, period: "week", weekdays: [], validFrom: "2026-04-01", validTo: "2026-10-31", sites: [] }],
      },
    ],
  },
  {
    name: "Klintens Webbauktioner",
    orgNumberStem: "559087654",
    kind: "work_integrating",
    description:
      "Arbetsintegrerande socialt företag som säljer begagnade möbler och inventarier på webbauktion och tar hand om kommunens överblivna inventarier.",
    serviceAreas: ["Lund", "Skåne"],
    targetGroups: "långtidsarbetslösa, unga vuxna",
    workforceShare: 45,
    contactEmail: "auktion@klinten.example.org",
    verified: false,
    offerings: [
      {
        title: "Webbauktioner av begagnade inventarier",
        description: "Fotografering, beskrivning och försäljning av möbler och inventarier på webbauktion.",
        cpvCode: "79990000-0",
        unit: "pieces",
        capacity: [{ quantity: 200, period: "week", weekdays: [], validFrom: null, validTo: null, sites: [] }],
      },
      {
        title: "Hämtning och återbruk av möbler",
        description: "Vi hämtar överblivna möbler och ser till att de återbrukas.",
        cpvCode: "90514000-3",
        unit: "deliveries",
        capacity: [{ quantity: 10, period: "week", weekdays: [], validFrom: null, validTo: null, sites: ["Lund"] }],
      },
    ],
  },
  {
    name: "Emmaus Lund",
    orgNumberStem: "802478901",
    kind: "hybrid",
    description: "Second hand-butik och återbruk vars överskott går till solidaritetsarbete; erbjuder arbetsträning i butik och lager.",
    serviceAreas: ["Lund"],
    targetGroups: "personer i arbetsträning, nyanlända",
    workforceShare: 35,
    contactEmail: "lund@emmaus.example.org",
    verified: true,
    offerings: [
      {
        title: "Textilinsamling och återbruk",
        description: "Insamling och sortering av textilier för återbruk.",
        cpvCode: "39500000-7",
        unit: "kilograms",
        capacity: [{ quantity: 500, period: "week", weekdays: [], validFrom: null, validTo: null, sites: [] }],
      },
    ],
  },
  {
    name: "Erikshjälpen Second Hand Lund",
    orgNumberStem: "802004567",
    kind: "hybrid",
    description: "Second hand-butik som finansierar barnrättsarbete och tar emot praktikanter och personer i arbetsträning.",
    serviceAreas: ["Lund", "Staffanstorp"],
    targetGroups: "personer i arbetsträning",
    workforceShare: 20,
    contactEmail: "lund@erikshjalpen.example.org",
    verified: false,
    offerings: [
      {
        title: "Flytthjälp och möbeltransport",
        description: "Flytt och transport av möbler med egen bil.",
        cpvCode: "60100000-9",
        unit: "hours",
        capacity: [{ quantity: 30, period: "week", weekdays: [], validFrom: null, validTo: null, sites: ["Lund", "Staffanstorp"] }],
      },
    ],
  },
  {
    name: "PO Skåne",
    orgNumberStem: "802456789",
    kind: "social_organisation",
    description: "Personligt ombud för personer med psykisk funktionsnedsättning i Skåne.",
    serviceAreas: ["Skåne"],
    targetGroups: "personer med psykisk funktionsnedsättning",
    workforceShare: null,
    contactEmail: "info@poskane.example.org",
    verified: false,
    offerings: [],
  },
  {
    name: "Coompanion Skåne",
    orgNumberStem: "769612345",
    kind: "support",
    description: "Rådgivning för kooperativa och sociala företag; en av nätverkets sammankallande organisationer.",
    serviceAreas: ["Skåne"],
    targetGroups: "",
    workforceShare: null,
    contactEmail: "skane@coompanion.example.org",
    verified: true,
    offerings: [{ title: "Rådgivning och utbildning för sociala företag", description: "", cpvCode: "80500000-9", unit: "hours", capacity: [] }],
  },
  {
    name: "Skoopi Skåne",
    orgNumberStem: "802477777",
    kind: "support",
    description: "Intresseorganisation för arbetsintegrerande sociala företag i Skåne; en av nätverkets sammankallande organisationer.",
    serviceAreas: ["Skåne"],
    targetGroups: "",
    workforceShare: null,
    contactEmail: "skane@skoopi.example.org",
    verified: true,
    offerings: [],
  },
  {
    name: "Lunds kommun – Upphandlingsenheten",
    orgNumberStem: "212000112",
    kind: "buyer",
    description: "Kommunens upphandlingsenhet, som förbereder en reserverad upphandling av salladscatering.",
    serviceAreas: ["Lund"],
    targetGroups: "",
    workforceShare: null,
    contactEmail: "upphandling@lund.example.org",
    verified: true,
    offerings: [],
  },
  {
    name: "Lunds kommun – Serviceförvaltningen",
    orgNumberStem: "212000998",
    kind: "buyer",
    description: "Serviceförvaltningen med måltidsservice, som beställer mat och tjänster till kommunens verksamheter.",
    serviceAreas: ["Lund"],
    targetGroups: "",
    workforceShare: null,
    contactEmail: "service@lund.example.org",
    verified: true,
    offerings: [],
  },
  {
    name: "Lunds kommun – Arbetsmarknads- och socialförvaltningen",
    orgNumberStem: "212000887",
    kind: "buyer",
    description: "Förvaltningen som matchar kandidater till arbete och driver piloten med sysselsättningskrav.",
    serviceAreas: ["Lund"],
    targetGroups: "",
    workforceShare: null,
    contactEmail: "asf@lund.example.org",
    verified: true,
    offerings: [],
  },
];

export const demoPassword = "demo-password";

export const demoAccounts = [
  { email: "admin@example.org", name: "Alma Admin", roles: ["admin"] as const, owns: null },
  { email: "coordinator@example.org", name: "Cecilia Samordnare", roles: ["coordinator"] as const, owns: "Coompanion Skåne" },
  { email: "buyer@example.org", name: "Bertil Inköpare", roles: ["buyer"] as const, owns: "Lunds kommun – Upphandlingsenheten" },
  { email: "member@example.org", name: "Maria Medlem", roles: [] as const, owns: "Fontänhuset Lund" },
];
