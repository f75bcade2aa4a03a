import { Anchor, Button, Stack, Text, TextInput } from "@mantine/core";
import { Form, Link, data, redirect, useActionData, useLoaderData, useNavigation } from "react-router";
import type { Route } from "./+types/signup";
import type { ServerArgs } from "../utils/route-args";
import { AuthCard, NewPasswordInput } from "../components/auth-card";
import { db } from "../utils/db.server";
import { FormErrorSummary, useReplyMessages, useSchemaFields, useSchemaForm } from "../components/form-fields";
import { getCurrentUser } from "../utils/auth.server";
import { getZodConstraint } from "@conform-to/zod/v3";
import { parseSubmission, signupSchema } from "../utils/forms";
import { titleMeta } from "../utils/meta";
import { useI18n } from "../utils/use-i18n";
import { readFormData } from "../utils/form-data.server";
import { takeRateLimit } from "../models/rate-limit.server";
import { signUp } from "../models/account.server";
import { publicOrigin } from "../utils/origin.server";
import { clientAddress } from "../utils/client-address.server";
import { hashingBusy, orHashingBusy } from "../utils/hashing-budget.server";
import { hashingBusyAnswer } from "../utils/http.server";
import { formsMessages } from "../locales/forms";
import { signInMessages } from "../locales/sign-in";
import { securityMessages } from "../locales/security";
import { messagesHandle } from "../utils/i18n";
import { localeFromRequest } from "../utils/locale.server";

export const handle = messagesHandle(formsMessages, signInMessages, securityMessages);

/** New accounts per client address; an office behind one address can still sign up its staff. */
const signupsPerAddress = 10;
const signupWindowMs = 60 * 60 * 1000;

export const meta = titleMeta("auth.signupTitle");

export async function loader({ request }: ServerArgs<Route.LoaderArgs>) {
  if (await getCurrentUser(request)) throw redirect("/organisations/new");
  return { sent: new URL(request.url).searchParams.has("sent") };
}

/**
 * Every sign-up that passes the form's checks gets the same answer, whether or not the address
 * already has an account: "look in your e-mail" (the e-mail says which it was). So the form cannot
 * be used to find out who has an account here; a new account logs in once its address is confirmed.
 */
export async function action({ request }: ServerArgs<Route.ActionArgs>) {
  const submission = parseSubmission(await readFormData(request), signupSchema);
  if (submission.status !== "success") return data(submission.reply({ hideFields }), { status: 400 });
  const allowed = await takeRateLimit({
    db: db(),
    key: `signup:ip:${clientAddress(request)}`,
    limit: signupsPerAddress,
    windowMs: signupWindowMs,
  });
  if (!allowed) return data(submission.reply({ formErrors: [{ key: "security.signupThrottled" }], hideFields }), { status: 429 });
  const outcome = await orHashingBusy(() => signUp({ db: db(), ...submission.value, locale: localeFromRequest(request), origin: publicOrigin() }));
  if (outcome === hashingBusy) return hashingBusyAnswer(submission.reply({ formErrors: [{ key: "security.busy" }], hideFields }));
  return redirect("/signup?sent");
}

/** The password never travels back to the page. */
const hideFields = ["password"];

const constraint = getZodConstraint(signupSchema);

export default function Signup() {
  const { sent } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useI18n();
  const { form, fields } = useSchemaForm({ id: "signup", constraint, lastResult });
  const field = useSchemaFields("signup");
  const errors = useReplyMessages(lastResult);
  if (sent) {
    return (
      <AuthCard title={t("auth.signupSentTitle")}>
        <Stack gap="md">
          <Text role="status">{t("auth.signupSent")}</Text>
          <Anchor component={Link} to="/login">
            {t("auth.login")}
          </Anchor>
        </Stack>
      </AuthCard>
    );
  }
  return (
    <AuthCard title={t("auth.signupTitle")}>
      <Text mb="md">{t("auth.signupConfirmFirst")}</Text>
      <Form method="post" id={form.id} onSubmit={form.onSubmit} noValidate>
        <FormErrorSummary errors={errors} idPrefix="signup" labels={{ name: t("auth.name"), email: t("auth.email"), password: t("auth.password") }} />
        <Stack gap="md">
          <TextInput {...field(fields.name)} label={t("auth.name")} autoComplete="name" />
          <TextInput {...field(fields.email)} type="email" label={t("auth.email")} autoComplete="email" />
          <NewPasswordInput {...field(fields.password)} label={t("auth.password")} />
          <Button type="submit" loading={navigation.state === "submitting"}>
            {t("auth.signup")}
          </Button>
          <Anchor component={Link} to="/login">
            {t("auth.haveAccount")}
          </Anchor>
        </Stack>
      </Form>
    </AuthCard>
  );
}
