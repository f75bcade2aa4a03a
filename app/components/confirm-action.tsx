import { Alert, Button, Group, Text } from "@mantine/core";
import { Form, Link } from "react-router";
import { useId } from "react";
import { useI18n } from "../utils/use-i18n";
import { wrappingButtonStyles } from "./wrapping-button";

/**
 * The link that asks for a confirmation: the query parameter makes the page show it, and the
 * fragment names it, so the browser scrolls to it on a full page load (no JavaScript) and React Router's
 * scroll restoration does the same on a client-side navigation.
 */
export function confirmHref(query: Record<string, string | number>, anchor: string): string {
  const search = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
  return `?${search}#${anchor}`;
}

/**
 * The question asked before a destructive action, shown when the page is opened with the
 * confirming query parameter: the real submit button sits here, and "cancel" goes back. Works the
 * same with and without JavaScript: the page opens scrolled to the question (its `anchor` is the
 * fragment of the link from `confirmHref`), and the confirm button has the focus, so the user sees
 * at once that the click did something.
 */
export function ConfirmAction({
  question,
  action,
  intent,
  anchor,
  fields = {},
  confirmLabel,
  cancelTo,
  size,
}: {
  question: string;
  /** Where the form posts, when not to the route that draws it. */
  action?: string;
  intent: string;
  /** The element id the confirming link's fragment points at. */
  anchor: string;
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
      <Form method="post" action={action}>
        {Object.entries(fields).map(([name, value]) => (
          <input type="hidden" name={name} value={value} key={name} />
        ))}
        <Group gap="xs">
          {/*
            The fragment names the button itself: on a full page load the browser scrolls to it and
            focuses it (a page with a target fragment ignores autofocus); after a client-side
            navigation React's autoFocus does the same.
          */}
          <Button
            type="submit"
            name="intent"
            value={intent}
            color="red.9"
            size={size}
            autoFocus
            id={anchor}
            data-scroll-target=""
            styles={wrappingButtonStyles}
          >
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

/**
 * The small "remove" button of one row in a list or table, or, when the page is opened to confirm
 * it, the question with the real submit button in its place.
 */
export function RowRemoval({
  confirming,
  query,
  anchor,
  name,
  question,
  intent,
  fields,
  cancelTo,
  removeLabel,
  confirmLabel,
  action,
  size = "xs",
}: {
  confirming: boolean;
  /** The query parameter that opens the question, e.g. `{ removeCost: 7 }`. */
  query: Record<string, string | number>;
  anchor: string;
  /** Read after the label by screen readers only; left out where the label already names the row. */
  name?: string;
  question: string;
  intent: string;
  fields: Record<string, string | number>;
  cancelTo: string;
  removeLabel: string;
  confirmLabel: string;
  action?: string;
  size?: "xs" | "sm";
}) {
  if (confirming) {
    return (
      <ConfirmAction
        anchor={anchor}
        question={question}
        action={action}
        intent={intent}
        fields={fields}
        confirmLabel={confirmLabel}
        cancelTo={cancelTo}
        size={size}
      />
    );
  }
  return (
    <Button component={Link} to={confirmHref(query, anchor)} size={size} variant="subtle" color="red.9" c="red.9" styles={wrappingButtonStyles}>
      {removeLabel}
      {name !== undefined && <span className="visually-hidden">: {name}</span>}
    </Button>
  );
}
