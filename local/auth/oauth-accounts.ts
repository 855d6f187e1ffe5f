import { randomUUID } from "node:crypto";
import { AuthApiError } from "./errors";
import { type Db, findUserByEmail, findUserById, isBanned, type User } from "./users";

/** What the provider says about the person (its userinfo), as GoTrue's provider.Claims. */
export type ProviderClaims = {
  sub: string;
  email: string;
  email_verified: boolean;
  name?: string;
  preferred_username?: string;
  picture?: string;
};

/** identity_data as GoTrue stores it for an OAuth identity. */
function identityData(issuer: string, claims: ProviderClaims) {
  return {
    iss: issuer,
    sub: claims.sub,
    provider_id: claims.sub,
    email: claims.email,
    email_verified: claims.email_verified,
    phone_verified: false,
    name: claims.name ?? "",
    full_name: claims.name ?? "",
    user_name: claims.preferred_username ?? "",
    preferred_username: claims.preferred_username ?? "",
    avatar_url: claims.picture ?? "",
    picture: claims.picture ?? "",
  };
}

async function addProvider(db: Db, userId: string, provider: string) {
  await db.query(
    `update auth.users set raw_app_meta_data = jsonb_set(raw_app_meta_data, '{providers}',
       (select coalesce(jsonb_agg(distinct p), '[]'::jsonb) from jsonb_array_elements_text(
          coalesce(raw_app_meta_data -> 'providers', '[]'::jsonb) || to_jsonb($2::text)) as p)),
       updated_at = now() where id = $1`,
    [userId, provider],
  );
}

/**
 * GoTrue's createAccountFromExternalIdentity: the user of this provider identity; else the
 * user with the same (provider-verified) email, linked; else a new, confirmed user.
 */
export async function userForIdentity(
  db: Db,
  provider: string,
  issuer: string,
  claims: ProviderClaims,
): Promise<User> {
  const data = identityData(issuer, claims);
  const { rows } = await db.query<{ user_id: string }>(
    "select user_id from auth.identities where provider = $1 and provider_id = $2",
    [provider, claims.sub],
  );
  let userId = rows[0]?.user_id;
  if (userId) {
    await db.query(
      `update auth.identities set identity_data = $3, last_sign_in_at = now(), updated_at = now()
       where provider = $1 and provider_id = $2`,
      [provider, claims.sub, data],
    );
  } else {
    const existing = claims.email_verified ? await findUserByEmail(db, claims.email) : null;
    userId = existing?.id ?? randomUUID();
    if (!existing) {
      await db.query(
        `insert into auth.users (instance_id, id, aud, role, email, email_confirmed_at, raw_app_meta_data,
           raw_user_meta_data, is_anonymous, created_at, updated_at)
         values ('00000000-0000-0000-0000-000000000000', $1, 'authenticated', 'authenticated', $2, now(), $3, $4, false, now(), now())`,
        [userId, claims.email.toLowerCase(), { provider, providers: [provider] }, data],
      );
    } else {
      await db.query(
        "update auth.users set email_confirmed_at = coalesce(email_confirmed_at, now()) where id = $1",
        [userId],
      );
    }
    await db.query(
      `insert into auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
       values ($1, $2, $3, $4, now(), now(), now())`,
      [claims.sub, userId, data, provider],
    );
  }
  await addProvider(db, userId, provider);
  const user = await findUserById(db, userId);
  if (!user) throw new AuthApiError(500, "unexpected_failure", "Error creating user");
  if (isBanned(user)) throw new AuthApiError(403, "user_banned", "User is banned");
  return user;
}
