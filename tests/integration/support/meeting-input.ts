import type { MeetingInput } from "../../../app/utils/meeting-forms";

/** A meeting twenty days on with ten places, convened by the given organisations, changed by `overrides`. */
export function meetingInput(convenerIds: number[], overrides: Partial<MeetingInput> = {}): MeetingInput {
  const start = new Date(Date.now() + 20 * 24 * 3600 * 1000);
  start.setUTCHours(9, 0, 0, 0);
  return {
    title: "Testmöte",
    description: "",
    startsAt: start.toISOString(),
    endsAt: new Date(start.getTime() + 2 * 3600 * 1000).toISOString(),
    registrationDeadline: new Date(start.getTime() - 24 * 3600 * 1000).toISOString(),
    place: "Stadshallen",
    onlineUrl: null,
    capacity: 10,
    sendReminder: true,
    convenerIds,
    agenda: [],
    ...overrides,
  };
}
