/**
 * A joint bid as a tender: prices, the consortium agreement's terms, each member's details for its
 * ESPD, what still blocks the tender pack, and the documents. Who sees which figures and who may
 * change what is decided in app/domain/tender/tender.ts and checked again by the model.
 */
import "../styles/bids.css";
import { Alert, Anchor, Button, Group, List, NativeSelect, Stack, Text, TextInput, Textarea, Title } from "@mantine/core";
import { Form, Link, data, useActionData, useLoaderData } from "react-router";
import type { Route } from "./+types/bids.$id_.tender";
import type { ServerArgs } from "../utils/route-args";
import { FormErrorSummary, fieldId, useFieldError } from "../components/form-fields";
import { SectionCard } from "../components/section-card";
import { TenderPrices } from "../components/tender-prices";
import { tenderProblemText } from "../components/tender-text";
import { kronorText, paymentAfterShare, percentText, VAT_RATES } from "../domain/tender/money";
import { companySizes } from "../domain/tender/tender";
import { getBidAccess } from "../models/joint-bid/access.server";
import { loadTenderPage, type TenderPage } from "../models/tender/tender.server";
import { savePrices, saveTenderDetails, saveTerms, type TenderResult } from "../models/tender/changes.server";
import { requireUser } from "../utils/auth.server";
import { db } from "../utils/db.server";
import { readFormData } from "../utils/form-data.server";
import { formObject, parseForm, type FieldErrors } from "../utils/forms";
import { dispatchIntent, forbidden, notFound, orNotFound } from "../utils/http.server";
import { messagesHandle, type MessageKey } from "../utils/i18n";
import { parseId } from "../utils/ids";
import { titleMeta } from "../utils/meta";
import { priceField, priceFormSchema, tenderDetailsSchema, termsSchema } from "../utils/tender-forms";
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

type ActionData = { form: "prices" | "terms" | "details"; organisationId?: number; errors: FieldErrors; values: Record<string, unknown> };

export async function action({ request, params }: ServerArgs<Route.ActionArgs>) {
  const viewer = await requireUser(request);
  const bidId = orNotFound(parseId(params.id));
  const access = orNotFound(await getBidAccess({ db: db(), bidId, viewer }));
  const form = await readFormData(request);
  const values = formObject(form);
  const here = `/bids/${bidId}/tender`;
  const answer = (result: TenderResult, toast: MessageKey, failed: Omit<ActionData, "errors">) => {
    if (result.ok) return redirectWithToast(here, { key: toast });
    const { error } = result;
    if (error.kind === "notFound") throw notFound();
    if (error.kind === "forbidden") throw forbidden();
    const errors: FieldErrors =
      error.kind === "closed"
        ? { form: "tender.error.closed" }
        : error.kind === "invalid" && error.field.startsWith("payment-")
          ? { [error.field]: "form.paymentAbovePrice" }
          : { form: "tender.error.invalid" };
    return data<ActionData>({ ...failed, errors }, { status: error.kind === "closed" ? 409 : 400 });
  };

  return dispatchIntent(form, {
    savePrices: async () => {
      if (!access.permissions.manage) throw forbidden();
      const page = await loadTenderPage({ db: db(), access });
      const schema = priceFormSchema(
        page.lines.map((l) => l.demandLineId),
        page.participants.map((p) => p.organisationId),
      );
      const parsed = parseForm(schema, values);
      if (!parsed.ok) return data<ActionData>({ form: "prices", errors: parsed.errors, values }, { status: 400 });
      return answer(await savePrices({ db: db(), viewer, access, input: parsed.data }), "tender.toast.prices", { form: "prices", values });
    },
    saveTerms: async () => {
      if (!access.permissions.manage) throw forbidden();
      const parsed = parseForm(termsSchema, values);
      if (!parsed.ok) return data<ActionData>({ form: "terms", errors: parsed.errors, values }, { status: 400 });
      return answer(await saveTerms({ db: db(), viewer, access, input: parsed.data }), "tender.toast.terms", { form: "terms", values });
    },
    saveDetails: async () => {
      const organisationId = parseId(form.get("organisationId")) ?? undefined;
      const parsed = parseForm(tenderDetailsSchema, values);
      if (!parsed.ok) return data<ActionData>({ form: "details", organisationId, errors: parsed.errors, values }, { status: 400 });
      const { organisationId: id, ...input } = parsed.data;
      return answer(await saveTenderDetails({ db: db(), viewer, access, organisationId: id, input }), "tender.toast.details", {
        form: "details",
        organisationId,
        values,
      });
    },
  });
}

export default function TenderPageView() {
  const { page } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
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
          {page.editable && <PriceForm page={page} actionData={actionData?.form === "prices" ? actionData : undefined} />}
        </Stack>
      </SectionCard>

      {page.terms && (
        <SectionCard title={t("tender.terms")}>
          {page.editable ? (
            <TermsForm terms={page.terms} actionData={actionData?.form === "terms" ? actionData : undefined} />
          ) : (
            <List size="sm">
              <List.Item>
                {t("tender.form.groupName")}: {page.terms.groupName}
              </List.Item>
              <List.Item>
                {t("tender.form.paymentDays")}: {number(page.terms.paymentDays)}
              </List.Item>
              <List.Item>
                {t("tender.form.noticeMonths")}: {number(page.terms.noticeMonths)}
              </List.Item>
              {page.terms.substitutes && (
                <List.Item>
                  {t("tender.form.substitutes")}: {page.terms.substitutes}
                </List.Item>
              )}
            </List>
          )}
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
                <DetailsForm
                  key={p.organisationId}
                  participant={p}
                  actionData={actionData?.form === "details" && actionData.organisationId === p.organisationId ? actionData : undefined}
                />
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

function PriceForm({ page, actionData }: { page: TenderPage; actionData: ActionData | undefined }) {
  const { t, locale, money } = useI18n();
  const error = useFieldError(actionData?.errors);
  const decimal = locale === "sv" ? "," : ".";
  const sent = actionData?.values as Record<string, string> | undefined;
  const value = (name: string, stored: string) => (sent ? (sent[name] ?? "") : stored);
  const lineName = (l: TenderPage["lines"][number]) => t("tender.line", { item: l.item, site: l.site });
  const share = page.terms?.adminShareBasisPoints ?? 0;
  const labels: Record<string, string> = {};
  for (const l of page.lines) {
    labels[priceField.price(l.demandLineId)] = `${lineName(l)}: ${t("tender.form.price")}`;
    labels[priceField.vat(l.demandLineId)] = `${lineName(l)}: ${t("tender.form.vat")}`;
    for (const p of page.participants)
      labels[priceField.payment(p.organisationId, l.demandLineId)] = t("tender.form.payment", { organisation: p.name, line: lineName(l) });
  }
  labels[priceField.share] = t("tender.form.share");
  return (
    <Form method="post" noValidate className="bid-no-print">
      <FormErrorSummary errors={actionData?.errors} idPrefix="prices" labels={labels} />
      <Stack gap="md">
        {page.lines.map((l) => {
          const stored = page.prices[l.demandLineId];
          return (
            <fieldset key={l.demandLineId} className="tender-fieldset">
              <legend>{lineName(l)}</legend>
              <Group align="start" gap="sm" wrap="wrap">
                <TextInput
                  id={fieldId("prices", priceField.price(l.demandLineId))}
                  name={priceField.price(l.demandLineId)}
                  label={t("tender.form.price")}
                  inputMode="decimal"
                  required
                  defaultValue={value(priceField.price(l.demandLineId), stored ? kronorText(stored.unitPriceOre, decimal) : "")}
                  error={error(priceField.price(l.demandLineId))}
                  w={220}
                />
                <NativeSelect
                  id={fieldId("prices", priceField.vat(l.demandLineId))}
                  name={priceField.vat(l.demandLineId)}
                  label={t("tender.form.vat")}
                  required
                  defaultValue={value(priceField.vat(l.demandLineId), stored ? String(stored.vatRate) : "")}
                  error={error(priceField.vat(l.demandLineId))}
                  data={[
                    { value: "", label: t("tender.form.vat.choose") },
                    ...VAT_RATES.map((r) => ({ value: String(r), label: t("tender.vatRate", { rate: r }) })),
                  ]}
                  w={200}
                />
              </Group>
            </fieldset>
          );
        })}
        <TextInput
          id={fieldId("prices", priceField.share)}
          name={priceField.share}
          label={t("tender.form.share")}
          description={t("tender.form.share.hint")}
          inputMode="decimal"
          required
          defaultValue={value(priceField.share, percentText(share, decimal))}
          error={error(priceField.share)}
          w={320}
        />
        <fieldset className="tender-fieldset">
          <legend>{t("tender.form.payments")}</legend>
          <Text size="sm" mb="xs">
            {t("tender.form.payments.hint")}
          </Text>
          <Stack gap="sm">
            {page.participants.map((p) => (
              <fieldset key={p.organisationId} className="tender-fieldset">
                <legend>{p.name}</legend>
                <Stack gap="xs">
                  {page.lines.map((l) => {
                    const name = priceField.payment(p.organisationId, l.demandLineId);
                    const stored = page.payments[`${p.organisationId}:${l.demandLineId}`];
                    const price = page.prices[l.demandLineId];
                    return (
                      <TextInput
                        key={name}
                        id={fieldId("prices", name)}
                        name={name}
                        label={t("tender.form.paymentLine", { line: lineName(l) })}
                        inputMode="decimal"
                        placeholder={price ? money(paymentAfterShare(price.unitPriceOre, share)) : undefined}
                        defaultValue={value(name, stored !== undefined ? kronorText(stored, decimal) : "")}
                        error={error(name)}
                        maw={420}
                      />
                    );
                  })}
                </Stack>
              </fieldset>
            ))}
          </Stack>
        </fieldset>
        <Button type="submit" name="intent" value="savePrices" w="fit-content">
          {t("tender.form.savePrices")}
        </Button>
      </Stack>
    </Form>
  );
}

function TermsForm({ terms, actionData }: { terms: NonNullable<TenderPage["terms"]>; actionData: ActionData | undefined }) {
  const { t } = useI18n();
  const error = useFieldError(actionData?.errors);
  const sent = actionData?.values as Record<string, string> | undefined;
  const value = (name: string, stored: string) => (sent ? (sent[name] ?? "") : stored);
  const labels = {
    groupName: t("tender.form.groupName"),
    paymentDays: t("tender.form.paymentDays"),
    noticeMonths: t("tender.form.noticeMonths"),
    substitutes: t("tender.form.substitutes"),
  };
  return (
    <Form method="post" noValidate className="bid-no-print">
      <FormErrorSummary errors={actionData?.errors} idPrefix="terms" labels={labels} />
      <Stack gap="sm">
        <TextInput
          id={fieldId("terms", "groupName")}
          name="groupName"
          label={labels.groupName}
          description={t("tender.form.groupName.hint")}
          required
          maxLength={200}
          defaultValue={value("groupName", terms.groupName)}
          error={error("groupName")}
        />
        <TextInput
          id={fieldId("terms", "paymentDays")}
          name="paymentDays"
          label={labels.paymentDays}
          inputMode="numeric"
          required
          defaultValue={value("paymentDays", String(terms.paymentDays))}
          error={error("paymentDays")}
          maw={420}
        />
        <TextInput
          id={fieldId("terms", "noticeMonths")}
          name="noticeMonths"
          label={labels.noticeMonths}
          inputMode="numeric"
          required
          defaultValue={value("noticeMonths", String(terms.noticeMonths))}
          error={error("noticeMonths")}
          maw={420}
        />
        <Textarea
          id={fieldId("terms", "substitutes")}
          name="substitutes"
          label={labels.substitutes}
          description={t("tender.form.substitutes.hint")}
          maxLength={500}
          autosize
          minRows={2}
          defaultValue={value("substitutes", terms.substitutes)}
          error={error("substitutes")}
        />
        <Button type="submit" name="intent" value="saveTerms" w="fit-content">
          {t("tender.form.saveTerms")}
        </Button>
      </Stack>
    </Form>
  );
}

function DetailsForm({ participant: p, actionData }: { participant: TenderPage["participants"][number]; actionData: ActionData | undefined }) {
  const { t } = useI18n();
  const error = useFieldError(actionData?.errors);
  const prefix = `details-${p.organisationId}`;
  const sent = actionData?.values as Record<string, string> | undefined;
  const value = (name: keyof NonNullable<typeof p.details>, fallback = "") => (sent ? (sent[name] ?? "") : (p.details?.[name] ?? fallback));
  const labels = {
    streetAddress: t("tender.form.streetAddress"),
    postalCode: t("tender.form.postalCode"),
    city: t("tender.form.city"),
    companySize: t("tender.form.companySize"),
    signatoryName: t("tender.form.signatoryName"),
    signatoryRole: t("tender.form.signatoryRole"),
  };
  return (
    <Form method="post" noValidate className="bid-no-print">
      <fieldset className="tender-fieldset">
        <legend>{t("tender.details.for", { organisation: p.name })}</legend>
        <FormErrorSummary errors={actionData?.errors} idPrefix={prefix} labels={labels} />
        <input type="hidden" name="organisationId" value={p.organisationId} />
        <Stack gap="sm">
          <TextInput
            id={fieldId(prefix, "streetAddress")}
            name="streetAddress"
            label={labels.streetAddress}
            required
            maxLength={200}
            defaultValue={value("streetAddress")}
            error={error("streetAddress")}
          />
          <Group gap="sm" align="start" wrap="wrap">
            <TextInput
              id={fieldId(prefix, "postalCode")}
              name="postalCode"
              label={labels.postalCode}
              required
              inputMode="numeric"
              defaultValue={value("postalCode")}
              error={error("postalCode")}
              w={160}
            />
            <TextInput
              id={fieldId(prefix, "city")}
              name="city"
              label={labels.city}
              required
              maxLength={100}
              defaultValue={value("city")}
              error={error("city")}
              w={240}
            />
          </Group>
          <NativeSelect
            id={fieldId(prefix, "companySize")}
            name="companySize"
            label={labels.companySize}
            required
            defaultValue={value("companySize", "micro")}
            error={error("companySize")}
            data={companySizes.map((s) => ({ value: s, label: t(`tender.size.${s}` as MessageKey) }))}
            maw={420}
          />
          <TextInput
            id={fieldId(prefix, "signatoryName")}
            name="signatoryName"
            label={labels.signatoryName}
            required
            maxLength={200}
            defaultValue={value("signatoryName")}
            error={error("signatoryName")}
          />
          <TextInput
            id={fieldId(prefix, "signatoryRole")}
            name="signatoryRole"
            label={labels.signatoryRole}
            required
            maxLength={200}
            defaultValue={value("signatoryRole")}
            error={error("signatoryRole")}
          />
          <Button type="submit" name="intent" value="saveDetails" w="fit-content">
            {t("tender.form.saveDetails")}
          </Button>
        </Stack>
      </fieldset>
    </Form>
  );
}
