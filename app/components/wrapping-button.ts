/**
 * Button styles that let a long label wrap onto more lines instead of being clipped (Mantine's
 * buttons are one line high with `white-space: nowrap`): for labels that carry an organisation's
 * or a person's name, such as "Markera Fontänhuset Lund som verifierad".
 */
export const wrappingButtonStyles = {
  root: { height: "auto", minHeight: "2.25rem", paddingBlock: "0.375rem", maxWidth: "100%" },
  inner: { whiteSpace: "normal" as const },
  label: { whiteSpace: "normal" as const, overflow: "visible", textAlign: "left" as const, lineHeight: 1.3 },
};
