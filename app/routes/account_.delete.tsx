import { Button, PasswordInput, Stack, Text, Title } from "@mantine/core";
import { Form, data, useActionData } from "react-router";
import type { Route } from "./+types/account_.delete";
import type { ServerArgs } from "../utils/route-args";
import { db } from "../utils/db.server";
import { FormErrorSummary, useFieldError } from "../components/form-fields";
import { deleteAccount } from "../models/account.server";
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

export async function loader({ request }: ServerArgs<Route.LoaderArgs>) {
  await requireUser(request);
  return null;
}

export async function action({ request }: ServerArgs<Route.ActionArgs>) {
  const user = await requireUser(request);
  const password = String((await readFormData(request)).get("password") ?? "").slice(0, 200);
  const result = await orHashingBusy(() => deleteAccount({ db: db(), userId: user.id, password }));
  if (result === hashingBusy) return hashingBusyAnswer({});
  if (!result.ok) return data({ errors: { password: "security.wrongPassword" } }, { status: 400 });
  const cookie = await destroySession(request);
  return redirectWithToast("/", { key: "security.deleted" }, { "Set-Cookie": cookie });
}

export default function DeleteAccount() {
  const actionData = useActionData<typeof action>();
  const { t } = useI18n();
  const error = useFieldError(actionData?.errors);
  return (
    <Stack gap="md" maw={560}>
      <Title order={1}>{t("security.deleteTitle")}</Title>
      <Text>{t("security.deleteIntro")}</Text>
      <Form method="post" noValidate>
        <FormErrorSummary errors={actionData?.errors} />
        <Stack gap="md">
          <PasswordInput name="password" label={t("security.deletePassword")} autoComplete="current-password" required error={error("password")} />
          <Button type="submit" color="red">
            {t("security.deleteConfirm")}
          </Button>
        </Stack>
      </Form>
    </Stack>
  );
}
