import { Alert, Anchor, List, Text } from "@mantine/core";
import { useEffect, useRef } from "react";
import type { FieldErrors } from "../utils/forms";
import { translateMessage } from "../utils/forms";
import { useI18n } from "../utils/use-i18n";

/** The translated error for one field, for Mantine's `error` prop (which wires aria-invalid and aria-describedby). */
export function useFieldError(errors: FieldErrors | undefined) {
  const { t, number } = useI18n();
  return (name: string) => (errors?.[name] ? translateMessage(t, errors[name], number) : undefined);
}

/**
 * The id of a field's input: the form's prefix and the field's name, so that the error summary can
 * link to it (several forms on one page use different prefixes).
 */
export function fieldId(prefix: string, name: string): string {
  return `${prefix}-${name}`;
}

/**
 * With JavaScript a fragment change is a navigation for React Router, which would clear the action's
 * errors (and the summary with them); the field is focused directly instead. Without JavaScript
 * the browser follows the link and focuses the field itself.
 */
function focusField(event: React.MouseEvent<HTMLAnchorElement>) {
  const target = document.getElementById(event.currentTarget.hash.slice(1));
  if (!target) return;
  event.preventDefault();
  target.focus();
  target.scrollIntoView({ block: "center" });
}

/**
 * A summary at the top of a form that failed: it takes the focus (so a long form that failed is
 * not left with the user at the button, the errors above the screen), and lists each error as a
 * link to its field. Focus moves with JavaScript (after each failed submit) and without it (the
 * `autofocus` attribute of the page the server sends back).
 */
export function FormErrorSummary({
  errors,
  idPrefix,
  labels = {},
}: {
  errors: FieldErrors | undefined;
  /** The prefix the form's fields use for their ids (see `fieldId`); without it the list has no links. */
  idPrefix?: string;
  /** Field labels by field name, for the list. */
  labels?: Record<string, string>;
}) {
  const { t, number } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  // A new failed submit brings a new errors object: move the focus again.
  useEffect(() => {
    if (errors && Object.keys(errors).length > 0) ref.current?.focus();
  }, [errors]);
  if (!errors || Object.keys(errors).length === 0) return null;
  const formError = errors.form ? translateMessage(t, errors.form, number) : null;
  const fieldErrors = Object.entries(errors).filter(([name]) => name !== "form");
  return (
    <Alert color="red" variant="light" role="alert" mb="md" ref={ref} tabIndex={-1} autoFocus data-scroll-target="">
      <Text fw={600} c="red.9">
        {formError ?? t("form.errorSummary")}
      </Text>
      {fieldErrors.length > 0 && (
        <List size="sm" mt="xs" spacing={2}>
          {fieldErrors.map(([name, message]) => {
            const text = labels[name] ? `${labels[name]}: ${translateMessage(t, message, number)}` : translateMessage(t, message, number);
            return (
              <List.Item key={name}>
                {idPrefix ? (
                  <Anchor href={`#${fieldId(idPrefix, name)}`} c="red.9" underline="always" onClick={focusField}>
                    {text}
                  </Anchor>
                ) : (
                  text
                )}
              </List.Item>
            );
          })}
        </List>
      )}
    </Alert>
  );
}
