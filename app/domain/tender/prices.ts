/**
 * A joint bid's prices, from its stored plan: what the consortium would invoice the buyer (per
 * delivery, per month, for the whole period, with VAT), what each participant is paid for what it
 * delivers, and what the lead keeps as its administration share. Every amount is in öre and every
 * total is the exact sum of its parts: the value of a month is the sum of its deliveries, the
 * period's the sum of its months, and the value equals the participants' revenue plus the lead's
 * share. VAT is rounded once per month and rate, as on a monthly invoice. Decision 023.
 */
import type { Plan, PlanInput } from "../planner";
import { paymentAfterShare, vatOn, type VatRate } from "./money";

export interface TenderLine {
  demandLineId: number;
  item: string;
  unit: string;
  site: string;
  /** Units per delivery. */
  quantity: number;
}

export interface LinePrice {
  /** Excluding VAT. */
  unitPriceOre: number;
  vatRate: VatRate;
}

/** One participant's allocation on one delivery of one demand line. */
export interface Delivery {
  demandLineId: number;
  date: string;
  organisationId: number;
  quantity: number;
}

/** The stored plan's demand line ids are `d<id>:<date>`: back to the request's demand line and date. */
export function parseDemandId(id: string): { demandLineId: number; date: string } | null {
  const match = /^d(\d+):(\d{4}-\d{2}-\d{2})$/.exec(id);
  return match ? { demandLineId: Number(match[1]), date: match[2] } : null;
}

/** Every allocation of a stored plan as a delivery, and every demanded delivery date per demand line. */
export function deliveriesOfPlan(input: PlanInput, plan: Plan): { deliveries: Delivery[]; demandDates: { demandLineId: number; date: string }[] } {
  const deliveries: Delivery[] = [];
  for (const a of plan.allocations) {
    const demand = parseDemandId(a.demandId);
    if (demand) deliveries.push({ ...demand, organisationId: Number(a.orgId), quantity: a.quantity });
  }
  const demandDates = input.demand.flatMap((d) => {
    const parsed = parseDemandId(d.id);
    return parsed ? [parsed] : [];
  });
  return { deliveries, demandDates };
}

export interface Amounts {
  exVat: number;
  vat: number;
  incVat: number;
}

export interface LineFigures extends TenderLine {
  price: LinePrice;
  /** Delivery dates in the period. */
  deliveries: number;
  /** A full delivery as the buyer pays it: quantity × price, with VAT. */
  perDelivery: Amounts;
  /** Units the plan covers over the whole period, and what they are worth excluding VAT. */
  units: number;
  valueExVat: number;
}

export interface MonthFigures extends Amounts {
  /** YYYY-MM. */
  month: string;
  units: number;
  /** What the lead keeps after paying every participant (itself included) for its deliveries. */
  leadShare: number;
}

export interface ParticipantMonth {
  month: string;
  units: number;
  /** What the participant is paid, excluding VAT. */
  revenue: number;
}

export interface ParticipantFigures {
  organisationId: number;
  /** Payment per unit on each demand line, excluding VAT. */
  payments: { demandLineId: number; unitPaymentOre: number; explicit: boolean }[];
  months: ParticipantMonth[];
  units: number;
  revenue: number;
}

export interface TenderFigures {
  lines: LineFigures[];
  months: MonthFigures[];
  total: MonthFigures & { month: "total" };
  participants: ParticipantFigures[];
}

export interface PriceInput {
  lines: readonly TenderLine[];
  prices: ReadonlyMap<number, LinePrice>;
  deliveries: readonly Delivery[];
  demandDates: readonly { demandLineId: number; date: string }[];
  participantIds: readonly number[];
  /** The lead's share of the price, in basis points; a participant's payment without an explicit one. */
  adminShareBasisPoints: number;
  /** Explicit payments per unit, keyed `${organisationId}:${demandLineId}`. */
  payments: ReadonlyMap<string, number>;
}

export const paymentKey = (organisationId: number, demandLineId: number) => `${organisationId}:${demandLineId}`;

/** What a participant is paid per unit on a line: its explicit payment, else the price less the lead's share. */
export function unitPayment(
  input: Pick<PriceInput, "payments" | "adminShareBasisPoints">,
  organisationId: number,
  demandLineId: number,
  price: LinePrice,
): { ore: number; explicit: boolean } {
  const explicit = input.payments.get(paymentKey(organisationId, demandLineId));
  return explicit === undefined
    ? { ore: paymentAfterShare(price.unitPriceOre, input.adminShareBasisPoints), explicit: false }
    : { ore: explicit, explicit: true };
}

function amounts(exVat: number, vat: number): Amounts {
  return { exVat, vat, incVat: exVat + vat };
}

/**
 * The figures, or null while a demand line has no price. Deliveries on a demand line the request
 * no longer has are left out (the plan is then stale, which blocks the tender pack anyway).
 */
export function tenderFigures(input: PriceInput): TenderFigures | null {
  if (input.lines.some((l) => !input.prices.has(l.demandLineId))) return null;
  const lineById = new Map(input.lines.map((l) => [l.demandLineId, l]));
  const deliveryCount = new Map<number, number>();
  for (const d of input.demandDates) deliveryCount.set(d.demandLineId, (deliveryCount.get(d.demandLineId) ?? 0) + 1);

  const lineUnits = new Map<number, number>();
  // Per month: units, value per VAT rate, and what participants are paid.
  const monthly = new Map<string, { units: number; byRate: Map<VatRate, number>; paid: number }>();
  const participantMonths = new Map<number, Map<string, ParticipantMonth>>(input.participantIds.map((id) => [id, new Map()]));
  for (const d of input.deliveries) {
    const line = lineById.get(d.demandLineId);
    if (!line) continue;
    const price = input.prices.get(d.demandLineId)!;
    const month = d.date.slice(0, 7);
    const value = d.quantity * price.unitPriceOre;
    const paid = d.quantity * unitPayment(input, d.organisationId, d.demandLineId, price).ore;
    lineUnits.set(d.demandLineId, (lineUnits.get(d.demandLineId) ?? 0) + d.quantity);
    let m = monthly.get(month);
    if (!m) monthly.set(month, (m = { units: 0, byRate: new Map(), paid: 0 }));
    m.units += d.quantity;
    m.byRate.set(price.vatRate, (m.byRate.get(price.vatRate) ?? 0) + value);
    m.paid += paid;
    let own = participantMonths.get(d.organisationId);
    if (!own) participantMonths.set(d.organisationId, (own = new Map()));
    const pm = own.get(month) ?? { month, units: 0, revenue: 0 };
    pm.units += d.quantity;
    pm.revenue += paid;
    own.set(month, pm);
  }

  const months: MonthFigures[] = [...monthly.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([month, m]) => {
      const exVat = [...m.byRate.values()].reduce((s, v) => s + v, 0);
      const vat = [...m.byRate.entries()].reduce((s, [rate, v]) => s + vatOn(v, rate), 0);
      return { month, units: m.units, ...amounts(exVat, vat), leadShare: exVat - m.paid };
    });
  const sum = (pick: (m: MonthFigures) => number) => months.reduce((s, m) => s + pick(m), 0);
  const total = {
    month: "total" as const,
    units: sum((m) => m.units),
    ...amounts(
      sum((m) => m.exVat),
      sum((m) => m.vat),
    ),
    leadShare: sum((m) => m.leadShare),
  };

  const lines: LineFigures[] = input.lines.map((line) => {
    const price = input.prices.get(line.demandLineId)!;
    const perDeliveryExVat = line.quantity * price.unitPriceOre;
    const units = lineUnits.get(line.demandLineId) ?? 0;
    return {
      ...line,
      price,
      deliveries: deliveryCount.get(line.demandLineId) ?? 0,
      perDelivery: amounts(perDeliveryExVat, vatOn(perDeliveryExVat, price.vatRate)),
      units,
      valueExVat: units * price.unitPriceOre,
    };
  });

  const participants: ParticipantFigures[] = [...participantMonths.entries()].map(([organisationId, own]) => {
    const list = [...own.values()].sort((a, b) => (a.month < b.month ? -1 : 1));
    return {
      organisationId,
      payments: input.lines.map((line) => {
        const payment = unitPayment(input, organisationId, line.demandLineId, input.prices.get(line.demandLineId)!);
        return { demandLineId: line.demandLineId, unitPaymentOre: payment.ore, explicit: payment.explicit };
      }),
      months: list,
      units: list.reduce((s, m) => s + m.units, 0),
      revenue: list.reduce((s, m) => s + m.revenue, 0),
    };
  });

  return { lines, months, total, participants };
}
