import { Anchor, Badge, Button, Card, Checkbox, Group, Stack, Text, Title } from "@mantine/core";
import { Form, Link, useLoaderData } from "react-router";
import type { Route } from "./+types/notifications";
import type { ServerArgs } from "../utils/route-args";
import { PaginationLinks } from "../components/pagination-links";
import { emailNotificationsEnabled, listNotifications, markNotificationsRead, setEmailNotifications } from "../models/notification.server";
import { requireUser } from "../utils/auth.server";
import { db } from "../utils/db.server";
import { localeFromRequest } from "../utils/locale.server";
import { noticeText } from "../utils/notice-text.server";
import { readFormData } from "../utils/form-data.server";
import { dispatchIntent } from "../utils/http.server";
import { formatDateTime, messagesHandle } from "../utils/i18n";
import { parsePage } from "../utils/ids";
import { titleMeta } from "../utils/meta";
import { redirectWithToast } from "../utils/toast.server";
import { useI18n } from "../utils/use-i18n";
import { requestsMessages } from "../locales/requests";

export const handle = messagesHandle(requestsMessages);

export const meta = titleMeta("requests.bell.title");

const PAGE_SIZE = 30;

export async function loader({ request }: ServerArgs<Route.LoaderArgs>) {
  const user = await requireUser(request);
  const page = parsePage(new URL(request.url).searchParams.get("page"));
  const locale = localeFromRequest(request);
  const [items, emailNotifications] = await Promise.all([
    listNotifications({ db: db(), userId: user.id, limit: PAGE_SIZE + 1, offset: (page - 1) * PAGE_SIZE }),
    emailNotificationsEnabled({ db: db(), userId: user.id }),
  ]);
  return {
    page,
    // One more than a page tells whether there is a next one.
    total: (page - 1) * PAGE_SIZE + items.length,
    // A notification may come from any part of the product: its text is made here, from every
    // catalogue, not by the page (which has only its own).
    items: items.slice(0, PAGE_SIZE).map(({ key, vars, details, ...item }) => ({
      ...item,
      text: key ? noticeText(locale, { key, vars }) : null,
      details: details.map((line) => noticeText(locale, line)),
    })),
    emailNotifications,
  };
}

export async function action({ request }: ServerArgs<Route.ActionArgs>) {
  const user = await requireUser(request);
  const formData = await readFormData(request);
  return dispatchIntent(formData, {
    markRead: async () => {
      await markNotificationsRead({ db: db(), userId: user.id });
      return redirectWithToast("/notifications", { key: "requests.bell.marked" });
    },
    email: async () => {
      await setEmailNotifications({ db: db(), userId: user.id, enabled: formData.get("emailNotifications") === "1" });
      return redirectWithToast("/notifications", { key: "requests.bell.emailSaved" });
    },
  });
}

export default function Notifications() {
  const { items, page, total, emailNotifications } = useLoaderData<typeof loader>();
  const { t, locale } = useI18n();
  return (
    <Stack gap="lg">
      <Title order={1}>{t("requests.bell.title")}</Title>
      {items.length === 0 ? (
        <Text>{t("requests.bell.none")}</Text>
      ) : (
        <>
          <Form method="post">
            <Button type="submit" name="intent" value="markRead" variant="default">
              {t("requests.bell.markRead")}
            </Button>
          </Form>
          <Stack gap="xs" component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
            {items.map((n) => {
              const text = n.text ?? t("requests.bell.unknown");
              return (
                <Card component="li" withBorder padding="sm" key={n.id}>
                  <Group gap="xs" wrap="wrap">
                    {!n.read && (
                      <Badge color="blue.9" variant="filled">
                        {t("requests.bell.new")}
                      </Badge>
                    )}
                    {n.link && n.link.startsWith("/") ? (
                      <Anchor component={Link} to={n.link}>
                        {text}
                      </Anchor>
                    ) : (
                      <Text>{text}</Text>
                    )}
                  </Group>
                  {n.details.length > 0 && (
                    <Stack gap={0} mt={4}>
                      {n.details.map((line, i) => (
                        <Text size="sm" key={i} style={{ overflowWrap: "anywhere" }}>
                          {line}
                        </Text>
                      ))}
                    </Stack>
                  )}
                  <Text size="sm" c="dimmed">
                    {formatDateTime(locale, n.createdAt)}
                  </Text>
                </Card>
              );
            })}
          </Stack>
          <PaginationLinks page={page} pageSize={PAGE_SIZE} total={total} />
        </>
      )}
      <Card withBorder component="section">
        <Form method="post">
          <Checkbox name="emailNotifications" value="1" defaultChecked={emailNotifications} label={t("requests.bell.email")} />
          <Button type="submit" name="intent" value="email" mt="sm" variant="default">
            {t("requests.bell.emailSave")}
          </Button>
        </Form>
      </Card>
    </Stack>
  );
}
