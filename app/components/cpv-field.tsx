import { Radio, Stack, TextInput } from "@mantine/core";
import { useEffect, useRef, useState } from "react";
import type { CpvCode } from "../domain/cpv-code";
import { useI18n } from "../utils/use-i18n";

interface Suggestion {
  code: string;
  label: string;
  words: string[];
}

/**
 * The CPV field: a code or words, in a text input. With JavaScript its suggestion list (a
 * datalist) follows the typing from `/cpv?q=`, as the 9,454 codes are not sent to the browser.
 * Without it the form is sent as typed, and when the words fit several codes the server answers
 * with them (`choices`) as radio buttons under the field (decision 017).
 */
export function CpvField({
  id,
  name = "cpvCode",
  required = true,
  maxLength,
  label,
  description,
  defaultValue,
  error,
  choices = [],
}: {
  id: string;
  /** A demand line's own code is one field of many in its form, and may be left empty. */
  name?: string;
  required?: boolean;
  /** The schema's limit, when the form has it. */
  maxLength?: number;
  label: string;
  description?: string;
  defaultValue: string;
  error?: string;
  /** The codes the server offers after words that fit several. */
  choices?: CpvCode[];
}) {
  const { t, locale } = useI18n();
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const pending = useRef<AbortController>();
  useEffect(
    () => () => {
      clearTimeout(timer.current);
      pending.current?.abort();
    },
    [],
  );

  const suggest = (text: string) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      pending.current?.abort();
      if (text.trim().length < 2) return setSuggestions([]);
      const controller = new AbortController();
      pending.current = controller;
      fetch(`/cpv?q=${encodeURIComponent(text)}`, { signal: controller.signal, headers: { Accept: "application/json" } })
        .then((response) => (response.ok ? (response.json() as Promise<{ suggestions: Suggestion[] }>) : { suggestions: [] }))
        .then((body) => setSuggestions(body.suggestions))
        // An aborted or failed lookup leaves the list as it was; the form still works as typed.
        .catch(() => undefined);
    }, 150);
  };

  const listId = `${id}-suggestions`;
  return (
    <Stack gap={6}>
      <TextInput
        name={name}
        id={id}
        label={label}
        description={description}
        required={required}
        maxLength={maxLength}
        list={listId}
        autoComplete="off"
        defaultValue={defaultValue}
        error={error}
        onChange={(event) => suggest(event.currentTarget.value)}
      />
      {/* The browser filters the list on the label too, so everyday words ("cykel") keep their codes in it. */}
      <datalist id={listId}>
        {suggestions.map((s) => (
          <option key={s.code} value={`${s.code} ${s.label}`} label={[s.label, ...s.words].join(", ")} />
        ))}
      </datalist>
      {choices.length > 0 && (
        <Radio.Group name="cpvChoice" label={t("form.cpvSuggestions", { text: defaultValue })}>
          <Stack gap={6} mt={6}>
            {choices.map((c) => (
              <Radio key={c.code} value={c.code} label={`${c.code} ${c[locale]}`} />
            ))}
          </Stack>
        </Radio.Group>
      )}
    </Stack>
  );
}
