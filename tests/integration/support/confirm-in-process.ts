/**
 * Confirms a participant's commitments from a process of its own, as a second app server would:
 * node --import tsx confirm-in-process.ts <database> <userId> <bidId> <organisationId>
 * Prints the model's result as JSON.
 */
import { confirmCommitments } from "../../../app/models/joint-bid/commitments.server";
import { openDatabase } from "../../../db/client.server";

const [file, userId, bidId, organisationId] = process.argv.slice(2);
const db = openDatabase(file);
const result = await confirmCommitments({ db, viewer: { id: userId, roles: [] }, bidId: Number(bidId), organisationId: Number(organisationId) });
process.stdout.write(JSON.stringify(result));
await db.destroy();
