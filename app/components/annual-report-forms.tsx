import { Alert, Box, Button, NativeSelect, SimpleGrid, Stack, Text, TextInput, Textarea } from "@mantine/core";
import { getZodConstraint } from "@conform-to/zod/v3";
import { Form } from "react-router";
import { FormErrorSummary, useReplyMessages, useSchemaFields, useSchemaForm, type FormReply } from "./form-fields";
import { goalAreas, type AnnualSection } from "../domain/annual-report";
import type { MessageKey } from "../utils/i18n";
import { activitySchema, sectionTextSchema } from "../forms/pilot-forms";
import { useI18n } from "../utils/use-i18n";

/** The annual report's two forms for coordinators: a section's own texts, and a new line of the activity account. */

export interface SectionText {
  introduction: string;
  conclusion: string;
  updatedAt: string | null;
  updatedByName: string | null;
}

export function SectionTextForm({
  section,
  title,
  text,
  lastResult,
}: {
  section: AnnualSection;
  title: string;
  text: SectionText;
  lastResult: FormReply | undefined;
}) {
  const { t, date } = useI18n();
  const idPrefix = `text-${section}`;
  const { form, fields } = useSchemaForm({
    id: idPrefix,
    constraint: sectionTextConstraint,
    lastResult,
    defaultValue: { introduction: text.introduction, conclusion: text.conclusion },
  });
  const field = useSchemaFields(idPrefix);
  const errors = useReplyMessages(lastResult);
  return (
    <Box component="details" className="no-print" open={lastResult ? true : undefined}>
      <summary>{t("annual.editTexts", { section: title })}</summary>
      <Form method="post" id={form.id} noValidate>
        <FormErrorSummary errors={errors} idPrefix={idPrefix} labels={{ introduction: t("annual.introduction"), conclusion: t("annual.conclusion") }} />
        <input type="hidden" name="section" value={section} />
        <Stack gap="sm" mt="sm">
          <Textarea {...field(fields.introduction)} label={t("annual.introduction")} autosize minRows={2} />
          <Textarea {...field(fields.conclusion)} label={t("annual.conclusion")} autosize minRows={2} />
          <Button type="submit" name="intent" value="saveText" w="fit-content">
            {t("annual.saveTexts")}
          </Button>
          {text.updatedAt && <Text size="xs">{t("pilot.changedBy", { date: date(text.updatedAt), name: text.updatedByName ?? "–" })}</Text>}
        </Stack>
      </Form>
    </Box>
  );
}

const sectionTextConstraint = getZodConstraint(sectionTextSchema);
const activityConstraint = getZodConstraint(activitySchema);

export function ActivityForm({ lastResult }: { lastResult: FormReply | undefined }) {
  const { t } = useI18n();
  const { form, fields } = useSchemaForm({ id: "activity", constraint: activityConstraint, lastResult });
  const field = useSchemaFields("activity");
  const errors = useReplyMessages(lastResult);
  return (
    <Alert color="gray" variant="light" className="no-print" title={t("annual.addActivity")}>
      <Form method="post" id={form.id} noValidate>
        <FormErrorSummary
          errors={errors}
          idPrefix="activity"
          labels={{
            goalArea: t("annual.goalArea"),
            activity: t("annual.activity"),
            hours: t("annual.hours"),
            percentOfTime: t("annual.percentOfTime"),
            costSek: t("annual.cost"),
          }}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NativeSelect
            {...field(fields.goalArea)}
            label={t("annual.goalArea")}
            data={goalAreas.map((g) => ({ value: g, label: t(`annual.goalArea.${g}` as MessageKey) }))}
          />
          <TextInput {...field(fields.activity)} label={t("annual.activity")} />
          <TextInput {...field(fields.hours)} label={t("annual.hours")} inputMode="decimal" />
          <TextInput {...field(fields.percentOfTime)} label={t("annual.percentOfTime")} inputMode="decimal" />
          <TextInput {...field(fields.costSek)} label={t("annual.cost")} inputMode="numeric" />
        </SimpleGrid>
        <Button type="submit" name="intent" value="addActivity" mt="md">
          {t("annual.addActivityButton")}
        </Button>
      </Form>
    </Alert>
  );
}
