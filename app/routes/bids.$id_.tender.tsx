/**
 * A joint bid as a tender: prices, the consortium agreement's terms, each member's details for its
 * ESPD, what still blocks the tender pack, and the documents. Who sees which figures and who may
 * change what is decided in app/domain/tender/tender.ts and checked again by the model.
 */
import "../styles/bids.css";
import { Alert, Anchor, Button, List, Stack, Text, Title } from "@mantine/core";
import { Link, data, useActionData, useLoaderData } from "react-router";
import type { z } from "zod";
import type { Route } from "./+types/bids.$id_.tender";
import type { ServerArgs } from "../utils/route-args";
import type { FormReply } from "../components/form-fields";
import { SectionCard } from "../components/section-card";
import { TenderPrices } from "../components/tender-prices";
import { DetailsForm } from "../components/tender/details-form";
import { PriceForm } from "../components/tender/price-form";
import { TermsForm, TermsList } from "../components/tender/terms-form";
import { tenderProblemText } from "../components/tender-text";
import { getBidAccess } from "../models/joint-bid/access.server";
import { loadTenderPage, type TenderPage } from "../models/tender/tender.server";
import { savePrices, saveTenderDetails, saveTerms, type TenderResult } from "../models/tender/changes.server";
import { requireUser } from "../utils/auth.server";
import { db } from "../utils/db.server";
import { readFormData } from "../utils/form-data.server";
import { parseSubmission, type FormMessage } from "../utils/forms";
import { dispatchIntent, forbidden, notFound, orNotFound } from "../utils/http.server";
import { messagesHandle, type MessageKey } from "../utils/i18n";
import { parseId } from "../utils/ids";
import { titleMeta } from "../utils/meta";
import { priceFormSchema, tenderDetailsSchema, termsSchema } from "../forms/tender-form";
import { redirectWithToast } from "../utils/toast.server";
import { useI18n } from "../utils/use-i18n";
import { bidsMessages } from "../locales/bids";
import { formsMessages } from "../locales/forms";
import { tenderMessages } from "../locales/tender";

export const handle = messagesHandle(formsMessages, bidsMessages, tenderMessages);

export const meta = titleMeta((d) => (d as { page?: TenderPage } | undefined)?.page?.request.title);

export async function loader({ request, params }: ServerArgs<Route.LoaderArgs>) {
  const user = await requireUser(request);
  const bidId = orNotFound(parseId(params.id));
  const access = orNotFound(await getBidAccess({ db: db(), bidId, viewer: user }));
  return { page: await loadTenderPage({ db: db(), access }) };
}

/** The answer to one of the page's forms: which form (and whose details), and its reply. */
type ActionData = { form: "prices" | "terms" | "details"; organisationId?: number; reply: FormReply };

export async function action({ request, params }: ServerArgs<Route.ActionArgs>) {
  const viewer = await requireUser(request);
  const bidId = orNotFound(parseId(params.id));
  const access = orNotFound(await getBidAccess({ db: db(), bidId, viewer }));
  const formData = await readFormData(request);
  const here = `/bids/${bidId}/tender`;
  const submitted = async <S extends z.ZodTypeAny>(
    which: Omit<ActionData, "reply">,
    schema: S,
    save: (input: z.output<S>) => Promise<TenderResult>,
    toast: MessageKey,
  ) => {
    const submission = parseSubmission(formData, schema);
    if (submission.status !== "success") return data<ActionData>({ ...which, reply: submission.reply() }, { status: 400 });
    const result = await save(submission.value);
    if (result.ok) return redirectWithToast(here, { key: toast });
    const { error } = result;
    if (error.kind === "notFound") throw notFound();
    if (error.kind === "forbidden") throw forbidden();
    const refusal: { formErrors?: FormMessage[]; fieldErrors?: Record<string, FormMessage[]> } =
      error.kind === "closed"
        ? { formErrors: [{ key: "tender.error.closed" }] }
        : error.kind === "invalid" && error.field.startsWith("payment-")
          ? { fieldErrors: { [error.field]: [{ key: "form.paymentAbovePrice" }] } }
          : { formErrors: [{ key: "tender.error.invalid" }] };
    return data<ActionData>({ ...which, reply: submission.reply(refusal) }, { status: error.kind === "closed" ? 409 : 400 });
  };

  return dispatchIntent(formData, {
    savePrices: async () => {
      if (!access.permissions.manage) throw forbidden();
      const page = await loadTenderPage({ db: db(), access });
      const schema = priceFormSchema(
        page.lines.map((l) => l.demandLineId),
        page.participants.map((p) => p.organisationId),
      );
      return submitted({ form: "prices" }, schema, (input) => savePrices({ db: db(), viewer, access, input }), "tender.toast.prices");
    },
    saveTerms: async () => {
      if (!access.permissions.manage) throw forbidden();
      return submitted({ form: "terms" }, termsSchema, (input) => saveTerms({ db: db(), viewer, access, input }), "tender.toast.terms");
    },
    saveDetails: async () =>
      submitted(
        { form: "details", organisationId: parseId(formData.get("organisationId")) ?? undefined },
        tenderDetailsSchema,
        ({ organisationId, ...input }) => saveTenderDetails({ db: db(), viewer, access, organisationId, input }),
        "tender.toast.details",
      ),
  });
}

export default function TenderPageView() {
  const { page } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const replyTo = (form: ActionData["form"], organisationId?: number) =>
    actionData?.form === form && actionData.organisationId === organisationId ? actionData.reply : undefined;
  const { t, date, number } = useI18n();
  const names = Object.fromEntries(page.participants.map((p) => [p.organisationId, p.name]));
  return (
    <Stack gap="lg">
      <Anchor component={Link} to={`/bids/${page.bidId}`}>
        {t("tender.back")}
      </Anchor>
      <Title order={1}>{t("tender.title", { request: page.request.title })}</Title>
      {page.insider && <Text>{t("tender.intro")}</Text>}

      {page.insider && (
        <SectionCard title={t("tender.problems")}>
          {page.problems.length === 0 ? (
            <Text>{t("tender.ready")}</Text>
          ) : (
            <List spacing="xs" data-testid="tender-problems">
              {page.problems.map((p, k) => (
                <List.Item key={k}>{tenderProblemText(t, p)}</List.Item>
              ))}
            </List>
          )}
        </SectionCard>
      )}

      <SectionCard title={t("tender.prices")}>
        <Stack gap="md">
          {page.visibility.bid ? (
            <>
              {Object.keys(page.prices).length === 0 && <Text>{t("tender.prices.none")}</Text>}
              <TenderPrices lines={page.lines} prices={page.prices} figures={page.figures} names={names} />
              {page.terms && <Text size="sm">{t("tender.terms.share", { share: `${number(page.terms.adminShareBasisPoints / 100)} %` })}</Text>}
            </>
          ) : (
            <Text>{t("tender.prices.hidden")}</Text>
          )}
          {page.editable && (
            // A saved form starts again from what is stored now.
            <PriceForm page={page} lastResult={replyTo("prices")} key={JSON.stringify([page.prices, page.payments, page.terms?.adminShareBasisPoints])} />
          )}
        </Stack>
      </SectionCard>

      {page.terms && (
        <SectionCard title={t("tender.terms")}>
          {page.editable ? <TermsForm terms={page.terms} lastResult={replyTo("terms")} key={JSON.stringify(page.terms)} /> : <TermsList terms={page.terms} />}
        </SectionCard>
      )}

      {page.insider && (
        <SectionCard title={t("tender.details")}>
          <Stack gap="md">
            <Text size="sm">{t("tender.details.intro")}</Text>
            <List size="sm">
              {page.participants.map((p) => (
                <List.Item key={p.organisationId}>{t(p.hasDetails ? "tender.details.done" : "tender.details.missing", { organisation: p.name })}</List.Item>
              ))}
            </List>
            {page.participants
              .filter((p) => page.detailsEditable.includes(p.organisationId))
              .map((p) => (
                <DetailsForm key={`${p.organisationId}:${JSON.stringify(p.details)}`} participant={p} lastResult={replyTo("details", p.organisationId)} />
              ))}
          </Stack>
        </SectionCard>
      )}

      {page.insider && (
        <SectionCard title={t("tender.documents")}>
          <Stack gap="sm">
            <Anchor component={Link} to={`/bids/${page.bidId}/agreement`}>
              {page.agreementFrozenAt ? t("tender.agreement.frozenLink", { date: date(page.agreementFrozenAt) }) : t("tender.agreement.link")}
            </Anchor>
            <Text size="sm">{t("tender.espd.intro")}</Text>
            <List size="sm">
              {page.espdOrganisations.map((o) => (
                <List.Item key={o.organisationId}>
                  <Anchor href={`/bids/${page.bidId}/espd/${o.organisationId}`}>{t("tender.espd.link", { organisation: o.name })}</Anchor>
                </List.Item>
              ))}
            </List>
            {page.maySeePack &&
              (page.problems.length === 0 ? (
                <Button component="a" href={`/bids/${page.bidId}/tender-pack.zip`} w="fit-content">
                  {t("tender.pack")}
                </Button>
              ) : (
                <Alert color="yellow" variant="light">
                  <Text c="dark.9">{t("tender.pack.blocked")}</Text>
                </Alert>
              ))}
          </Stack>
        </SectionCard>
      )}
    </Stack>
  );
}
