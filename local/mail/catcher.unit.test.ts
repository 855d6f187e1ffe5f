import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MailCatcher, startMailCatcher } from "./catcher";

let catcher: MailCatcher;
beforeAll(async () => {
  catcher = await startMailCatcher("127.0.0.1", { inbox: 0, smtp: 0 });
});
afterAll(() => catcher?.close());

async function send(to: string, subject: string) {
  const transport = nodemailer.createTransport({
    host: "127.0.0.1",
    port: catcher.smtpPort,
    secure: false,
    ignoreTLS: true,
  });
  await transport.sendMail({
    from: "a@example.test",
    to,
    subject,
    text: `text of ${subject}`,
    html: `<p>${subject}</p>`,
  });
  transport.close();
}

describe("the mail catcher", () => {
  it("catches SMTP mail and serves it newest first, filtered by recipient", async () => {
    await send("one@example.test", "first");
    await send("Two@Example.test", "second");
    await send("one@example.test", "third <b>");
    const all = await (await fetch(`${catcher.inboxUrl}/api/messages`)).json();
    expect(all.messages.map((m: { subject: string }) => m.subject)).toEqual(["third <b>", "second", "first"]);
    const mine = await (await fetch(`${catcher.inboxUrl}/api/messages?to=ONE@example.test`)).json();
    expect(mine.messages).toHaveLength(2);
    expect(mine.messages[0]).toMatchObject({
      to: ["one@example.test"],
      from: "a@example.test",
      text: "text of third <b>",
    });
    expect(mine.messages[0].html).toContain("<p>third <b></p>");

    const one = await fetch(`${catcher.inboxUrl}/api/messages/${mine.messages[1].id}`);
    expect((await one.json()).subject).toBe("first");
    expect((await fetch(`${catcher.inboxUrl}/api/messages/nope`)).status).toBe(404);

    const page = await (await fetch(`${catcher.inboxUrl}/`)).text();
    expect(page).toContain("third &#60;b&#62;");
    expect(page).not.toContain("third <b>");
  });

  it("clears the inbox on DELETE /api/messages", async () => {
    await send("three@example.test", "to clear");
    expect((await fetch(`${catcher.inboxUrl}/api/messages`, { method: "DELETE" })).status).toBe(200);
    const after = await (await fetch(`${catcher.inboxUrl}/api/messages`)).json();
    expect(after.messages).toEqual([]);
  });
});
