import { Anchor, Group, Text } from "@mantine/core";
import { Link, useLocation } from "react-router";
import { useI18n } from "../utils/use-i18n";

/** Previous / next links that keep the rest of the query; plain links, so they work without JavaScript. */
export function PaginationLinks({ page, pageSize, total }: { page: number; pageSize: number; total: number }) {
  const { t } = useI18n();
  const location = useLocation();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  const hrefFor = (p: number) => {
    const params = new URLSearchParams(location.search);
    params.set("page", String(p));
    return `${location.pathname}?${params}`;
  };
  return (
    <Group component="nav" aria-label={t("pagination.label")} justify="center" gap="lg" mt="lg">
      {page > 1 ? (
        <Anchor component={Link} to={hrefFor(page - 1)} rel="prev">
          {t("pagination.previous")}
        </Anchor>
      ) : (
        <span />
      )}
      <Text aria-current="page">{t("pagination.page", { page, pages })}</Text>
      {page < pages ? (
        <Anchor component={Link} to={hrefFor(page + 1)} rel="next">
          {t("pagination.next")}
        </Anchor>
      ) : (
        <span />
      )}
    </Group>
  );
}
