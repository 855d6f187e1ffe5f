import type { AuthRequest } from "./request";
import { addRefreshToken, sessionAal, sessionAmr } from "./sessions";
import { tokenResponse } from "./tokens";
import { type Db, findUserById } from "./users";

/** New tokens for an existing session (after MFA verify): its current aal and amr, a fresh refresh token. */
export async function sessionTokenResponse(request: AuthRequest, db: Db, userId: string, sessionId: string) {
  const user = await findUserById(db, userId);
  if (!user) throw new Error("user vanished during MFA verification");
  const refreshToken = await addRefreshToken(db, userId, sessionId);
  const [amr, aal] = await Promise.all([sessionAmr(db, sessionId), sessionAal(db, sessionId)]);
  return tokenResponse(request.ctx, { issuer: request.issuer, user, sessionId, amr, aal, refreshToken });
}
