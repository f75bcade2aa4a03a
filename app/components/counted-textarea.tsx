import { Textarea } from "@mantine/core";
import { useState } from "react";
import { useI18n } from "../utils/use-i18n";

/**
 * A textarea that says how long it may be and counts down while typing, instead of cutting the
 * text off silently at the limit: `maxLength` (the schema's, through the form's field) is counted
 * to, never given to the textarea. The server refuses a longer text with the same limit; without
 * JavaScript the count shown is the one the page was sent with.
 */
export function CountedTextarea({
  maxLength: max,
  defaultValue,
  ...props
}: Omit<React.ComponentProps<typeof Textarea>, "maxLength" | "defaultValue" | "description" | "onChange"> & {
  maxLength: number | undefined;
  defaultValue: string;
}) {
  const { t, number, counted } = useI18n();
  const [length, setLength] = useState(defaultValue.length);
  if (max === undefined) throw new Error("A counted text needs the schema's limit");
  const left = max - length;
  return (
    <Textarea
      {...props}
      defaultValue={defaultValue}
      onChange={(event) => setLength(event.currentTarget.value.length)}
      description={
        left >= 0 ? t("form.charactersLeft", { count: number(left), max: number(max) }) : counted("form.charactersOver", -left, { max: number(max) })
      }
      inputWrapperOrder={["label", "input", "description", "error"]}
      // Over the limit, the count reads as the warning it is, not as a hint.
      styles={left < 0 ? { description: { color: "var(--mantine-color-red-9)", fontWeight: 600 } } : undefined}
    />
  );
}
