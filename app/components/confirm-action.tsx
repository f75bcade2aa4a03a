import { Alert, Button, Group, Text } from "@mantine/core";
import { Form, Link } from "@remix-run/react";
import { useId } from "react";
import { useI18n } from "../utils/use-i18n";

/**
 * The question asked before a destructive action, shown when the page is opened with the
 * confirming query parameter: the real submit button sits here, and "cancel" goes back. Works the
 * same with and without JavaScript.
 */
export function ConfirmAction({
  question,
  intent,
  fields = {},
  confirmLabel,
  cancelTo,
  size,
}: {
  question: string;
  intent: string;
  fields?: Record<string, string | number>;
  confirmLabel: string;
  cancelTo: string;
  size?: "xs" | "sm";
}) {
  const { t } = useI18n();
  const id = useId();
  return (
    <Alert color="red" mt="md" role="alertdialog" aria-labelledby={id}>
      <Text id={id} mb="sm">
        {question}
      </Text>
      <Form method="post">
        {Object.entries(fields).map(([name, value]) => (
          <input type="hidden" name={name} value={value} key={name} />
        ))}
        <Group gap="xs">
          <Button type="submit" name="intent" value={intent} color="red.9" size={size} autoFocus>
            {confirmLabel}
          </Button>
          <Button component={Link} to={cancelTo} variant="default" size={size}>
            {t("confirm.cancel")}
          </Button>
        </Group>
      </Form>
    </Alert>
  );
}
