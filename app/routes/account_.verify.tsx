import { Button, Stack, Text, Title } from "@mantine/core";
import { Form, useLoaderData } from "react-router";
import type { Route } from "./+types/account_.verify";
import type { ServerArgs } from "../utils/route-args";
import { db } from "../utils/db.server";
import { sendEmailVerification } from "../models/account.server";
import { takeRateLimit } from "../models/rate-limit.server";
import { requireUser } from "../utils/auth.server";
import { redirectWithToast } from "../utils/toast.server";
import { titleMeta } from "../utils/meta";
import { useI18n } from "../utils/use-i18n";
import { securityMessages } from "../locales/security";
import { messagesHandle } from "../utils/i18n";

export const handle = messagesHandle(securityMessages);

export const meta = titleMeta("security.verifyTitle");

export async function loader({ request }: ServerArgs<Route.LoaderArgs>) {
  const user = await requireUser(request);
  return { email: user.email, verified: user.emailVerified };
}

export async function action({ request }: ServerArgs<Route.ActionArgs>) {
  const user = await requireUser(request);
  if (user.emailVerified) return redirectWithToast("/account/verify", { key: "security.verifyAlready" });
  // A few links an hour: enough for a lost e-mail, too few to mail-bomb the address.
  const allowed = await takeRateLimit({ db: db(), key: `verify:user:${user.id}`, limit: 5, windowMs: 60 * 60 * 1000 });
  if (!allowed) throw new Response("Too many requests", { status: 429 });
  await sendEmailVerification({ db: db(), userId: user.id });
  return redirectWithToast("/account/verify", { key: "security.verifySent" });
}

export default function VerifyEmail() {
  const { email, verified } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  return (
    <Stack gap="md" maw={640}>
      <Title order={1}>{t("security.verifyTitle")}</Title>
      {verified ? (
        <Text>{t("security.verifyAlready")}</Text>
      ) : (
        <>
          <Text>{t("security.verifyIntro", { email })}</Text>
          <Form method="post">
            <Button type="submit">{t("security.verifyResend")}</Button>
          </Form>
        </>
      )}
    </Stack>
  );
}
