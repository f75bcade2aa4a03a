import { useId } from "react";
import type { AgreementContent } from "../domain/tender/tender";
import type { Translate } from "../utils/i18n";
import { unitLabel } from "./bid-text";

/**
 * The consortium agreement as text in one language, from its content (app/domain/tender/tender.ts):
 * the page prints it, and the tender pack holds it as a standalone HTML file, both from this.
 */
export interface DocTable {
  head: string[];
  rows: string[][];
}

export interface DocSection {
  heading: string;
  paragraphs: string[];
  table?: DocTable;
  after?: string[];
}

export interface AgreementDocument {
  title: string;
  subtitle: string;
  notice: string;
  frozen: string | null;
  sections: DocSection[];
  signaturesHeading: string;
  signatures: { heading: string; lines: string[] }[];
  appendices: DocSection[];
}

export interface Formatters {
  t: Translate;
  money: (ore: number) => string;
  number: (value: number) => string;
  date: (iso: string) => string;
}

export function agreementDocument(content: AgreementContent, { t, money, number, date }: Formatters, frozenAt: string | null): AgreementDocument {
  const missing = t("tender.agreement.missing");
  const lineName = (l: { item: string; site: string }) => t("tender.line", { item: l.item, site: l.site });
  const names = new Map(content.parties.map((p) => [p.organisationId, p.name]));
  const share = `${number(content.terms.adminShareBasisPoints / 100)} %`;
  const { request } = content;

  const sections: DocSection[] = [
    {
      heading: t("tender.agreement.parties"),
      paragraphs: [t("tender.agreement.parties.text", { group: content.groupName })],
      table: {
        head: [t("tender.agreement.col.party"), t("tender.agreement.col.orgNumber"), t("tender.agreement.col.address"), t("tender.agreement.col.signatory")],
        rows: content.parties.map((p) => [p.name, p.orgNumber, p.address ?? missing, p.signatoryName ? `${p.signatoryName}, ${p.signatoryRole}` : missing]),
      },
    },
    {
      heading: t("tender.agreement.lead"),
      paragraphs: [
        content.lead
          ? t("tender.agreement.lead.text", { lead: content.lead.name, orgNumber: content.lead.orgNumber, buyer: request.buyerName })
          : t("tender.agreement.lead.none"),
      ],
    },
    {
      heading: t("tender.agreement.scope"),
      paragraphs: [
        t("tender.agreement.scope.text", {
          request: request.title,
          ocid: request.ocid,
          buyer: request.buyerName,
          from: date(request.periodFrom),
          to: date(request.periodTo),
        }),
      ],
      table: {
        head: [t("tender.agreement.col.line"), t("tender.agreement.col.perDelivery"), t("tender.agreement.col.deliveries")],
        rows: content.lines.map((l) => [lineName(l), `${number(l.quantity)} ${unitLabel(t, l.unit)}`, number(l.deliveries)]),
      },
      after: request.reserved ? [t("tender.agreement.scope.reserved")] : [],
    },
    content.deliveries.length > 0
      ? {
          heading: t("tender.agreement.deliveries"),
          paragraphs: [t("tender.agreement.deliveries.text", { date: content.plannedAt ? date(content.plannedAt) : missing })],
          table: {
            head: [t("tender.agreement.col.party"), t("tender.agreement.col.line"), t("tender.agreement.col.units")],
            rows: content.parties.flatMap((p) =>
              content.lines.flatMap((l) => {
                const units = content.deliveries.find((d) => d.organisationId === p.organisationId && d.demandLineId === l.demandLineId)?.units ?? 0;
                return units > 0 ? [[p.name, lineName(l), `${number(units)} ${unitLabel(t, l.unit)}`]] : [];
              }),
            ),
          },
        }
      : { heading: t("tender.agreement.deliveries"), paragraphs: [t("tender.agreement.deliveries.none")] },
    {
      heading: t("tender.agreement.prices"),
      paragraphs: [content.lines.every((l) => l.price) ? t("tender.agreement.prices.text") : t("tender.agreement.prices.none")],
      table: content.lines.some((l) => l.price)
        ? {
            head: [t("tender.agreement.col.line"), t("tender.agreement.col.price"), t("tender.agreement.col.vat")],
            rows: content.lines.map((l) => [
              lineName(l),
              l.price ? money(l.price.unitPriceOre) : missing,
              l.price ? t("tender.vatRate", { rate: l.price.vatRate }) : missing,
            ]),
          }
        : undefined,
      after: [
        ...(content.total ? [t("tender.agreement.prices.total", { exVat: money(content.total.exVat), incVat: money(content.total.incVat) })] : []),
        t("tender.agreement.prices.flow", { days: content.terms.paymentDays, share }),
      ],
    },
    { heading: t("tender.agreement.liability"), paragraphs: [t("tender.agreement.liability.text")] },
    {
      heading: t("tender.agreement.takeover"),
      paragraphs: [
        t("tender.agreement.takeover.text", { order: content.takeover.map((p) => p.name).join(", ") || missing }),
        ...(content.terms.substitutes.trim() ? [t("tender.agreement.takeover.substitutes", { substitutes: content.terms.substitutes.trim() })] : []),
      ],
    },
    { heading: t("tender.agreement.confidentiality"), paragraphs: [t("tender.agreement.confidentiality.text")] },
    { heading: t("tender.agreement.term"), paragraphs: [t("tender.agreement.term.text", { months: content.terms.noticeMonths })] },
  ];

  const appendices: DocSection[] = content.parties.flatMap((p) => {
    const own = content.payments.filter((x) => x.organisationId === p.organisationId);
    if (own.length === 0) return [];
    return [
      {
        heading: t("tender.agreement.appendix", { party: p.name }),
        paragraphs: [t("tender.agreement.appendix.text", { party: p.name })],
        table: {
          head: [t("tender.agreement.col.line"), t("tender.col.payment")],
          rows: own.flatMap((x) => {
            const line = content.lines.find((l) => l.demandLineId === x.demandLineId);
            return line ? [[lineName(line), money(x.unitPaymentOre)]] : [];
          }),
        },
      },
    ];
  });

  return {
    title: t("tender.agreement.title"),
    subtitle: t("tender.agreement.subtitle", { group: content.groupName, request: request.title, buyer: request.buyerName }),
    notice: t("tender.agreement.notice"),
    frozen: frozenAt ? t("tender.agreement.frozen", { date: date(frozenAt) }) : null,
    sections,
    signaturesHeading: t("tender.agreement.signatures"),
    signatures: content.parties.map((p) => ({
      heading: t("tender.agreement.signature", { party: names.get(p.organisationId) ?? p.name }),
      lines: [
        t("tender.agreement.signature.line"),
        t("tender.agreement.signature.name", { name: p.signatoryName ?? missing, role: p.signatoryRole ?? missing }),
      ],
    })),
    appendices,
  };
}

function SectionView({ section, level }: { section: DocSection; level: 2 | 3 }) {
  const Heading = level === 2 ? "h2" : "h3";
  const headingId = useId();
  return (
    <section className="agreement-section">
      <Heading id={headingId}>{section.heading}</Heading>
      {section.paragraphs.map((p, k) => (
        <p key={k}>{p}</p>
      ))}
      {section.table && (
        // On a phone a wide table scrolls sideways inside its box; the box takes the keyboard's focus
        // so that it can be scrolled without a pointer, and is named by its section.
        <div className="agreement-table" tabIndex={0} role="region" aria-labelledby={headingId}>
          <table>
            <thead>
              <tr>
                {section.table.head.map((h, k) => (
                  <th key={k} scope="col">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {section.table.rows.map((row, r) => (
                <tr key={r}>
                  {row.map((cell, k) =>
                    k === 0 ? (
                      <th key={k} scope="row">
                        {cell}
                      </th>
                    ) : (
                      <td key={k}>{cell}</td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {section.after?.map((p, k) => (
        <p key={`after-${k}`}>{p}</p>
      ))}
    </section>
  );
}

/** The agreement in plain markup, for the page and for the pack's standalone file alike. */
export function AgreementView({ document: doc }: { document: AgreementDocument }) {
  return (
    <article className="agreement" aria-labelledby="agreement-title">
      <h1 id="agreement-title">{doc.title}</h1>
      <p className="agreement-subtitle">{doc.subtitle}</p>
      <p className="agreement-notice" role="note">
        {doc.notice}
      </p>
      {doc.frozen && <p className="agreement-frozen">{doc.frozen}</p>}
      {doc.sections.map((s, k) => (
        <SectionView key={k} section={s} level={2} />
      ))}
      <section className="agreement-section">
        <h2>{doc.signaturesHeading}</h2>
        {doc.signatures.map((s, k) => (
          <div className="agreement-signature" key={k}>
            <h3>{s.heading}</h3>
            {s.lines.map((line, j) => (
              <p key={j}>{line}</p>
            ))}
          </div>
        ))}
      </section>
      {doc.appendices.map((s, k) => (
        <SectionView key={`appendix-${k}`} section={s} level={2} />
      ))}
    </article>
  );
}
