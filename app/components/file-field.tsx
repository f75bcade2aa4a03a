import { Input } from "@mantine/core";
import { useId } from "react";

/**
 * A file field built on the browser's own file input, labelled and described like Mantine's other
 * fields. Mantine's FileInput hides the real input behind a button that needs JavaScript; this one
 * opens the file picker with or without it, and is reachable by keyboard.
 */
export function FileField({ name, label, description, accept, error }: { name: string; label: string; description?: string; accept?: string; error?: string }) {
  const id = useId();
  const describedBy = [description ? `${id}-description` : null, error ? `${id}-error` : null].filter(Boolean).join(" ");
  return (
    <Input.Wrapper
      id={id}
      label={label}
      description={description}
      error={error}
      descriptionProps={{ id: `${id}-description` }}
      errorProps={{ id: `${id}-error` }}
    >
      <input
        id={id}
        type="file"
        name={name}
        accept={accept}
        className="native-file-input"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        style={{ marginTop: 4 }}
      />
    </Input.Wrapper>
  );
}
