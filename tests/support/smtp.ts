/**
 * A real SMTP server (smtp-server) for tests, on a free port or a given one, that records what it
 * acknowledged. `judge` may hold a message back or refuse it, as a mail server that never finished
 * receiving it would.
 */
import { SMTPServer } from "smtp-server";
import { freePort } from "../../search/meili-process.server";

export interface Delivery {
  /** The name the sending client gave in its greeting (EHLO). */
  sender: string;
  to: string[];
  messageId: string;
  subject: string;
  /** The whole message as received, for a MIME parser (body, attachments). */
  raw: string;
}

export interface TestSmtp {
  port: number;
  /** Messages acknowledged (250), in order. */
  received: Delivery[];
  /** Decides about each message before it is acknowledged; by default every one is accepted. */
  judge: (delivery: Delivery) => Promise<"accept" | "refuse">;
  stop(): Promise<void>;
}

export async function startTestSmtp(port?: number): Promise<TestSmtp> {
  const smtp: TestSmtp = { port: port ?? (await freePort()), received: [], judge: async () => "accept", stop: async () => {} };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const header = (name: string) => new RegExp(`^${name}: (.*)$`, "im").exec(raw)?.[1]?.trim() ?? "";
        const delivery: Delivery = {
          sender: session.hostNameAppearsAs,
          to: session.envelope.rcptTo.map((r) => r.address),
          messageId: header("Message-ID"),
          subject: header("Subject"),
          raw,
        };
        void smtp.judge(delivery).then((verdict) => {
          if (verdict === "accept") {
            smtp.received.push(delivery);
            callback();
          } else {
            callback(new Error("Message not received"));
          }
        });
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(smtp.port, "127.0.0.1", () => resolve());
  });
  smtp.stop = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return smtp;
}
