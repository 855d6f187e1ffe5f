import { startInbox } from "./inbox";
import { startSmtpCatcher } from "./smtp";
import { MessageStore } from "./store";

export type MailCatcher = {
  /** The inbox page and JSON API, e.g. http://127.0.0.1:54324. */
  inboxUrl: string;
  smtpPort: number;
  store: MessageStore;
  close(): Promise<void>;
};

/** The local mail catcher (like the Supabase CLI's inbox): SMTP in, an inbox page and JSON API out. */
export async function startMailCatcher(
  host: string,
  ports: { inbox: number; smtp: number },
): Promise<MailCatcher> {
  const store = new MessageStore();
  const smtp = await startSmtpCatcher(store, host, ports.smtp);
  const inbox = await startInbox(store, host, ports.inbox).catch(async (error) => {
    await smtp.close();
    throw error;
  });
  return {
    inboxUrl: `http://${host}:${inbox.port}`,
    smtpPort: smtp.port,
    store,
    close: async () => {
      await Promise.all([smtp.close(), inbox.close()]);
    },
  };
}
