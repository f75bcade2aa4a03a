import { Alert, Text } from "@mantine/core";
import { useEffect, useRef } from "react";
import type { BidMessage } from "../../utils/bid-messages";
import { useI18n } from "../../utils/use-i18n";

/**
 * A refused action's message where the user acted: it takes the focus, so the page scrolls to it,
 * with JavaScript (after each refusal) and without it (the `autofocus` of the page the server sends
 * back).
 */
export function FocusedMessage({ message, id }: { message: BidMessage; id?: string }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [message]);
  return (
    <Alert color="red" variant="light" role="alert" ref={ref} tabIndex={-1} autoFocus id={id} data-scroll-target="">
      <Text c="dark.9">{t(message.key, message.vars)}</Text>
    </Alert>
  );
}
