import { Anchor, Table, Text } from "@mantine/core";
import { formatDateTime, type MessageKey } from "../../utils/i18n";
import { useI18n } from "../../utils/use-i18n";
import { reasonsText } from "../bid-text";
import { TableScroller } from "../data-table";
import { SectionCard } from "../section-card";
import type { RequestPageData } from "./page-data";

/** Every organisation's response, for the request's buyers and coordinators. */
export function ResponsesTable({ page }: { page: RequestPageData }) {
  const { t, number, locale } = useI18n();
  const reserved = page.request.kind === "reserved";
  return (
    <SectionCard
      title={t("requests.responses", { count: page.responses.length })}
      actions={
        page.responses.length > 0 ? (
          <Anchor href={`/requests/${page.request.id}/responses.csv`} download>
            {t("requests.csv")}
          </Anchor>
        ) : undefined
      }
    >
      {page.responses.length === 0 ? (
        <Text>{t("requests.responses.none")}</Text>
      ) : (
        <TableScroller minWidth={640}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("requests.responses.organisation")}</Table.Th>
                <Table.Th scope="col">{t("requests.response.interest")}</Table.Th>
                {reserved && <Table.Th scope="col">{t("requests.responses.eligibility")}</Table.Th>}
                <Table.Th scope="col">{t("requests.responses.capacity")}</Table.Th>
                <Table.Th scope="col">{t("requests.response.message")}</Table.Th>
                <Table.Th scope="col">{t("requests.responses.updated")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {page.responses.map((resp) => (
                <Table.Tr key={resp.id}>
                  <Table.Th scope="row">{resp.organisationName}</Table.Th>
                  <Table.Td>{t(`requests.interest.${resp.interest}` as MessageKey)}</Table.Td>
                  {reserved && (
                    <Table.Td>
                      {resp.eligibility.length === 0
                        ? t("requests.responses.eligible")
                        : t("requests.responses.notEligible", {
                            reasons: reasonsText(t, { eligibility: resp.eligibility, workforceShare: resp.workforceShare }),
                          })}
                    </Table.Td>
                  )}
                  <Table.Td>
                    {page.lines
                      .filter((l) => resp.capacity[l.id])
                      .map((l) => (
                        <Text size="sm" key={l.id}>
                          {l.item}, {l.site}: {number(resp.capacity[l.id])}
                        </Text>
                      ))}
                    {page.questions.map((q) =>
                      resp.answers[q.id] ? (
                        <Text size="sm" key={`q${q.id}`}>
                          {q.text}: {resp.answers[q.id]}
                        </Text>
                      ) : null,
                    )}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: "pre-wrap" }}>{resp.message}</Table.Td>
                  <Table.Td>{formatDateTime(locale, resp.updatedAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroller>
      )}
    </SectionCard>
  );
}
