/**
 * One registration from its own process and its own SQLite connection, started by the meetings
 * test to register at the same moment as other processes: it opens the database, says "ready",
 * waits for "go" on stdin, registers, and prints the result as JSON.
 */
import { registerForMeeting } from "../../../app/models/meeting-registration.server";
import { openDatabase } from "../../../db/client.server";

const [file, meetingId, userId, organisationId] = process.argv.slice(2);
const db = openDatabase(file);
await db.selectFrom("meeting").select("id").limit(1).execute();
process.stdout.write("ready\n");
process.stdin.once("data", async () => {
  try {
    const result = await registerForMeeting({ db, meetingId: Number(meetingId), userId, organisationId: Number(organisationId), needs: "" });
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } catch (error) {
    process.stdout.write(`${JSON.stringify({ error: String(error) })}\n`);
  } finally {
    await db.destroy();
    process.exit(0);
  }
});
