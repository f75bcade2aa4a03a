import { Alert, Anchor, Button, List, PasswordInput, Stack, Text, Title } from "@mantine/core";
import { Form, Link, data, useActionData, useLoaderData } from "react-router";
import type { Route } from "./+types/account_.delete";
import type { ServerArgs } from "../utils/route-args";
import { db } from "../utils/db.server";
import { getZodConstraint } from "@conform-to/zod/v3";
import { FormErrorSummary, useReplyMessages, useSchemaFields, useSchemaForm } from "../components/form-fields";
import { parseSubmission } from "../utils/forms";
import { deleteAccountSchema } from "../forms/account-forms";
import { deleteAccount } from "../models/account.server";
import { askForOwner, organisationsOnlyOwnedBy } from "../models/membership.server";
import { requireUser } from "../utils/auth.server";
import { readFormData } from "../utils/form-data.server";
import { hashingBusy, orHashingBusy } from "../utils/hashing-budget.server";
import { hashingBusyAnswer } from "../utils/http.server";
import { destroySession } from "../utils/session.server";
import { redirectWithToast } from "../utils/toast.server";
import { titleMeta } from "../utils/meta";
import { useI18n } from "../utils/use-i18n";
import { formsMessages } from "../locales/forms";
import { securityMessages } from "../locales/security";
import { messagesHandle } from "../utils/i18n";

export const handle = messagesHandle(formsMessages, securityMessages);

export const meta = titleMeta("security.deleteTitle");

/** The organisations the person alone owns are named before they type their password: deleting waits until someone else owns them. */
export async function loader({ request }: ServerArgs<Route.LoaderArgs>) {
  const user = await requireUser(request);
  return { soleOwnerOf: await organisationsOnlyOwnedBy({ db: db(), userId: user.id }) };
}

export async function action({ request }: ServerArgs<Route.ActionArgs>) {
  const user = await requireUser(request);
  const form = await readFormData(request);
  if (form.get("intent") === "askCoordinator") {
    await askForOwner({ db: db(), userId: user.id });
    return redirectWithToast("/account/delete", { key: "security.deleteAskedCoordinator" });
  }
  const submission = parseSubmission(form, deleteAccountSchema);
  // The password never travels back to the page.
  const hideFields = ["password"];
  if (submission.status !== "success") return data(submission.reply({ hideFields }), { status: 400 });
  const result = await orHashingBusy(() => deleteAccount({ db: db(), userId: user.id, password: submission.value.password }));
  if (result === hashingBusy) return hashingBusyAnswer(submission.reply({ formErrors: [{ key: "security.busy" }], hideFields }));
  if (!result.ok && result.error.kind === "lastOwner")
    return data(submission.reply({ formErrors: [{ key: "security.deleteRefused" }], hideFields }), { status: 409 });
  if (!result.ok) return data(submission.reply({ fieldErrors: { password: [{ key: "security.wrongPassword" }] }, hideFields }), { status: 400 });
  const cookie = await destroySession(request);
  return redirectWithToast("/", { key: "security.deleted" }, { "Set-Cookie": cookie });
}

const constraint = getZodConstraint(deleteAccountSchema);

export default function DeleteAccount() {
  const { soleOwnerOf } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useI18n();
  const { form, fields } = useSchemaForm({ id: "delete", constraint, lastResult });
  const field = useSchemaFields("delete");
  const errors = useReplyMessages(lastResult);
  return (
    <Stack gap="md" maw={640}>
      <Title order={1}>{t("security.deleteTitle")}</Title>
      <Text>{t("security.deleteIntro")}</Text>
      {soleOwnerOf.length > 0 ? (
        <Alert color="yellow" variant="light">
          <FormErrorSummary errors={errors} />
          <Title order={2} size="h4" mb="xs">
            {t("security.deleteLastOwnerTitle")}
          </Title>
          <Text mb="sm">{t("security.deleteLastOwnerIntro")}</Text>
          <List spacing="xs" mb="md">
            {soleOwnerOf.map((o) => (
              <List.Item key={o.slug}>
                <Anchor component={Link} to={`/organisations/${o.slug}/members`}>
                  {t("security.deleteHandOver", { name: o.name })}
                </Anchor>
              </List.Item>
            ))}
          </List>
          <Text mb="sm">{t("security.deleteAskCoordinatorIntro")}</Text>
          <Form method="post">
            <Button type="submit" name="intent" value="askCoordinator" variant="outline">
              {t("security.deleteAskCoordinator")}
            </Button>
          </Form>
        </Alert>
      ) : (
        <Form method="post" id={form.id} onSubmit={form.onSubmit} noValidate>
          <FormErrorSummary errors={errors} />
          <Stack gap="md">
            <PasswordInput {...field(fields.password)} label={t("security.deletePassword")} autoComplete="current-password" />
            <Button type="submit" color="red">
              {t("security.deleteConfirm")}
            </Button>
          </Stack>
        </Form>
      )}
    </Stack>
  );
}
