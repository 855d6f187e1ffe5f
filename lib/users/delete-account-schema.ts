import { z } from "zod";

// Shared by the account page's danger zone (browser) and the users router (server).

/** What a person types to confirm that their account and all their data go. */
export const DELETE_ACCOUNT_PHRASE = "delete my account";

export const deleteAccountSchema = z.strictObject({
  confirmation: z.literal(DELETE_ACCOUNT_PHRASE, { error: `Type "${DELETE_ACCOUNT_PHRASE}" to confirm.` }),
});
