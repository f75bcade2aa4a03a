import { Card, PasswordInput, Title } from "@mantine/core";
import type { ComponentProps, ReactNode } from "react";
import { useI18n } from "../utils/use-i18n";

/** The narrow card of the signed-out pages (log in, sign up, forgotten and new password), with its heading. */
export function AuthCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card withBorder padding="xl" maw={480} mx="auto">
      <Title order={1} mb="md">
        {title}
      </Title>
      {children}
    </Card>
  );
}

/** A field for choosing a password, with the rule it must meet; the browser may suggest a strong one. */
export function NewPasswordInput(props: Omit<ComponentProps<typeof PasswordInput>, "description" | "autoComplete">) {
  const { t } = useI18n();
  return <PasswordInput {...props} description={t("auth.passwordHint")} autoComplete="new-password" />;
}
