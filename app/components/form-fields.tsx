import { Alert, Anchor, List, Text } from "@mantine/core";
import { useForm, type SubmissionResult } from "@conform-to/react";
import type { Constraint } from "@conform-to/dom";
import { useCallback, useEffect, useMemo, useRef } from "react";
import { translateFormMessage, type FormMessage } from "../utils/forms";
import { useI18n } from "../utils/use-i18n";

/**
 * What an action answers a failed submit with (Conform's `submission.reply()`): the messages by
 * field name ("" for the form's own, such as "wrong password"), and what was typed.
 */
export type FormReply = SubmissionResult<FormMessage[]>;

/** A message in the page's language, as `translateFormMessage` writes it. */
export function useFormMessage() {
  const { t, number } = useI18n();
  return useCallback((message: FormMessage) => translateFormMessage(t, message, number), [t, number]);
}

/**
 * A form on Conform whose server decides: the page posts as a plain form, with or without
 * JavaScript, and the action's reply (`lastResult`) brings the messages and what was typed. The
 * inputs' `required`, `maxLength`, `min` and `max` come from the schema (`constraint`, made with
 * `getZodConstraint`), so a limit is written once.
 */
export function useSchemaForm<Values extends Record<string, unknown>>({
  id,
  constraint,
  lastResult,
  defaultValue,
}: {
  id: string;
  constraint: Record<string, Constraint>;
  lastResult: FormReply | null | undefined;
  defaultValue?: Partial<Values>;
}) {
  // Conform keeps a reply's messages until the next one; a form that succeeded (and came back to
  // the same page with no reply) is reset instead, as the page without JavaScript would show it.
  const replied = useRef(false);
  if (lastResult) replied.current = true;
  const [form, fields] = useForm<Values, Values, FormMessage[]>({
    id,
    constraint,
    lastResult: lastResult ?? (replied.current ? settled : undefined),
    defaultValue: defaultValue as never,
  });
  return { form, fields };
}

/** The reply Conform reads as "start the form again" (`initialValue: null`). */
const settled: FormReply = { initialValue: null };

/** What a Mantine input needs of its Conform field (any field's metadata fits). */
interface SchemaField {
  name: string;
  required?: boolean;
  maxLength?: number;
  min?: string | number;
  max?: string | number;
  initialValue?: unknown;
  errors?: FormMessage[];
}

/**
 * The bridge from a Conform field to a Mantine input: its name, its id (the form's prefix and the
 * name, which the error summary links to), the constraints from the schema, the value to show and
 * the translated error. Mantine turns the error into `aria-invalid` and `aria-describedby`.
 */
export function useSchemaFields(idPrefix: string) {
  const translate = useFormMessage();
  return useCallback(
    (field: SchemaField) => ({
      name: field.name,
      id: fieldId(idPrefix, field.name),
      required: field.required,
      maxLength: field.maxLength,
      min: field.min,
      max: field.max,
      defaultValue: typeof field.initialValue === "string" ? field.initialValue : "",
      error: field.errors?.[0] ? translate(field.errors[0]) : undefined,
    }),
    [idPrefix, translate],
  );
}

/** The values of a checkbox group as the form holds them (one ticked box arrives as a string). */
export function checkedValues(field: SchemaField): string[] {
  const value = field.initialValue;
  return Array.isArray(value) ? value.map(String) : typeof value === "string" ? [value] : [];
}

/** A reply's messages for the error summary: the first of each field, the form's own as `form`. */
export function useReplyMessages(lastResult: FormReply | null | undefined): Record<string, FormMessage> | undefined {
  return useMemo(() => {
    if (!lastResult?.error) return undefined;
    const messages: Record<string, FormMessage> = {};
    for (const [name, errors] of Object.entries(lastResult.error)) {
      if (errors?.[0]) messages[name === "" ? "form" : name] = errors[0];
    }
    return messages;
  }, [lastResult]);
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
  errors: Record<string, FormMessage> | undefined;
  /** The prefix the form's fields use for their ids (see `fieldId`); without it the list has no links. */
  idPrefix?: string;
  /** Field labels by field name, for the list. */
  labels?: Record<string, string>;
}) {
  const { t } = useI18n();
  const translate = useFormMessage();
  const ref = useRef<HTMLDivElement>(null);
  // A new failed submit brings a new errors object: move the focus again.
  useEffect(() => {
    if (errors && Object.keys(errors).length > 0) ref.current?.focus();
  }, [errors]);
  if (!errors || Object.keys(errors).length === 0) return null;
  const formError = errors.form ? translate(errors.form) : null;
  const fieldErrors = Object.entries(errors).filter(([name]) => name !== "form");
  return (
    <Alert color="red" variant="light" role="alert" mb="md" ref={ref} tabIndex={-1} autoFocus data-scroll-target="">
      <Text fw={600} c="red.9">
        {formError ?? t("form.errorSummary")}
      </Text>
      {fieldErrors.length > 0 && (
        <List size="sm" mt="xs" spacing={2}>
          {fieldErrors.map(([name, message]) => {
            const text = labels[name] ? `${labels[name]}: ${translate(message)}` : translate(message);
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
