import { Alert } from "@mantine/core";
import type { FieldErrors } from "../utils/forms";
import { translateMessage } from "../utils/forms";
import { useI18n } from "../utils/use-i18n";

/** The translated error for one field, for Mantine's `error` prop (which wires aria-invalid and aria-describedby). */
export function useFieldError(errors: FieldErrors | undefined) {
  const { t } = useI18n();
  return (name: string) => (errors?.[name] ? translateMessage(t, errors[name]) : undefined);
}

/** A summary at the top of a form that failed, announced to screen readers. */
export function FormErrorSummary({ errors }: { errors: FieldErrors | undefined }) {
  const { t } = useI18n();
  if (!errors || Object.keys(errors).length === 0) return null;
  const formError = errors.form ? translateMessage(t, errors.form) : null;
  return (
    <Alert color="red" variant="light" role="alert" mb="md">
      {formError ?? t("form.errorSummary")}
    </Alert>
  );
}
